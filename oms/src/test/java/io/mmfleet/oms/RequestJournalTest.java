package io.mmfleet.oms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestJournalTest
{
    @Test
    void aNewRunReadsWhatTheEarlierOneWrote(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("sub").resolve("requests.journal");
        try (RequestJournal first = RequestJournal.open(file))
        {
            assertEquals(0, first.earlierCount());
            first.append(new StringBuilder("7.abc.1"), 7, 123456789012345L, 41, 2);
            first.append("7.abc.2", 7, -5, (1L << 48) - 1, 2);
            assertNull(first.earlier("7.abc.1"), "this run's lines are not 'earlier'");
        }
        try (RequestJournal second = RequestJournal.open(file))
        {
            assertEquals(new RequestJournal.Entry(7, 123456789012345L, 41, 2), second.earlier("7.abc.1"));
            assertEquals(new RequestJournal.Entry(7, -5, (1L << 48) - 1, 2), second.earlier("7.abc.2"));
            assertNull(second.earlier("7.abc.3"));
            assertEquals(java.util.Map.of(7, 2), second.earlierStrategySources(), "strategy 7 speaks through source 2");
        }
    }

    @Test
    void aTornLastLineAndGarbageAreDroppedNotFatal(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("requests.journal");
        Files.writeString(file, "7.abc.1 7 99 41\nnot a line\n7.abc.2 7 x 42\n7.abc.3 7 99 4", StandardCharsets.US_ASCII);
        try (RequestJournal journal = RequestJournal.open(file))
        {
            assertEquals(1, journal.earlierCount());
            assertEquals(2, journal.malformedLines());
            journal.append("7.def.1", 7, 100, 1, 2);
        }
        assertEquals("7.abc.1 7 99 41\nnot a line\n7.abc.2 7 x 42\n7.def.1 7 100 1 2\n", Files.readString(file), "the torn line is cut off");
    }

    @Test
    void compactionKeepsTheWantedEarlierLinesAndAllOfThisRun(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("requests.journal");
        Files.writeString(file, "7.a.1 7 99 1\n7.a.2 7 99 2\n7.a.3 7 99 3\n", StandardCharsets.US_ASCII);
        try (RequestJournal journal = RequestJournal.open(file))
        {
            journal.append("7.b.1", 7, 100, 1, 2);
            journal.compact(id -> id.equals("7.a.2"));
            journal.append("7.b.2", 7, 100, 2, 2);
            assertEquals(1, journal.earlierCount());
        }
        assertEquals("7.a.2 7 99 2 0\n7.b.1 7 100 1 2\n7.b.2 7 100 2 2\n", Files.readString(file),
            "an older line without a source is kept with source 0");
    }
}
