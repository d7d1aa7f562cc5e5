package io.mmfleet.oms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which strategy request made each order, kept across OMS restarts: the venue knows an order by its
 * client order id only, so without this an order recovered after a restart could not be cancelled
 * by the request id its strategy holds. One text line per order sent,
 * {@code <clientOrderId> <strategyId> <strategyRunId> <requestId> <strategySourceId>} (the source
 * whose heartbeats speak for the strategy; lines of older versions lack it), appended before its NEW command
 * goes out (no fsync: it survives a killed process, not a lost machine, after which such an order is
 * cancelled by the kill switch or the dead man switch instead). A torn last line is dropped at open.
 * Writing allocates nothing; opening reads the earlier runs' lines into memory, and
 * {@link #compact} rewrites the file with only the earlier lines still wanted plus this run's.
 */
final class RequestJournal implements AutoCloseable
{
    /** What an earlier run wrote for one order. */
    record Entry(int strategyId, long strategyRunId, long requestId, int strategySourceId)
    {
    }

    private static final int LINE_CAPACITY = 128;

    private final Path file;
    private final Map<String, Entry> earlier;
    private final ByteBuffer line = ByteBuffer.allocateDirect(LINE_CAPACITY);
    private FileChannel channel;
    /** Where this run's lines start in the file. */
    private long thisRunStart;
    private int malformedLines;

    private RequestJournal(final Path file, final Map<String, Entry> earlier, final FileChannel channel, final long thisRunStart,
        final int malformedLines)
    {
        this.file = file;
        this.earlier = earlier;
        this.channel = channel;
        this.thisRunStart = thisRunStart;
        this.malformedLines = malformedLines;
    }

    /** Opens (creating it and its directory if need be) and reads the lines of earlier runs. */
    static RequestJournal open(final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        final Map<String, Entry> earlier = new HashMap<>();
        int malformed = 0;
        long complete = 0;
        if (Files.exists(file))
        {
            final byte[] bytes = Files.readAllBytes(file);
            int start = 0;
            for (int i = 0; i < bytes.length; i++)
            {
                if (bytes[i] == '\n')
                {
                    if (!parse(new String(bytes, start, i - start, StandardCharsets.US_ASCII), earlier))
                    {
                        malformed++;
                    }
                    start = i + 1;
                }
            }
            complete = start;
        }
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.truncate(complete);
        channel.position(complete);
        return new RequestJournal(file, earlier, channel, complete, malformed);
    }

    private static boolean parse(final String text, final Map<String, Entry> into)
    {
        final String[] parts = text.split(" ", -1);
        if (parts.length != 4 && parts.length != 5)
        {
            return false;
        }
        try
        {
            into.put(parts[0], new Entry(Integer.parseInt(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                parts.length == 5 ? Integer.parseInt(parts[4]) : 0));
            return true;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    /** Appends the line of an order about to be sent. */
    void append(final CharSequence clientOrderId, final int strategyId, final long strategyRunId, final long requestId,
        final int strategySourceId)
    {
        line.clear();
        for (int i = 0; i < clientOrderId.length(); i++)
        {
            line.put((byte)clientOrderId.charAt(i));
        }
        line.put((byte)' ');
        putDecimal(strategyId);
        line.put((byte)' ');
        putDecimal(strategyRunId);
        line.put((byte)' ');
        putDecimal(requestId);
        line.put((byte)' ');
        putDecimal(strategySourceId);
        line.put((byte)'\n');
        line.flip();
        try
        {
            while (line.hasRemaining())
            {
                channel.write(line);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the request journal " + file, ex);
        }
    }

    private void putDecimal(final long value)
    {
        if (value < 0)
        {
            line.put((byte)'-');
            if (value == Long.MIN_VALUE)
            {
                putDecimal(-(value / 10));
                line.put((byte)('0' + (int)-(value % 10)));
                return;
            }
            putDecimal(-value);
            return;
        }
        if (value >= 10)
        {
            putDecimal(value / 10);
        }
        line.put((byte)('0' + (int)(value % 10)));
    }

    /** What an earlier run wrote for this client order id, or null. Allocates (a rare path: recovery). */
    Entry earlier(final CharSequence clientOrderId)
    {
        return earlier.isEmpty() ? null : earlier.get(clientOrderId.toString());
    }

    /** Every strategy's heartbeat source as the earlier runs' lines name it (strategy id → source id). */
    Map<Integer, Integer> earlierStrategySources()
    {
        final Map<Integer, Integer> sources = new HashMap<>();
        earlier.values().forEach(entry ->
        {
            if (entry.strategySourceId() != 0)
            {
                sources.put(entry.strategyId(), entry.strategySourceId());
            }
        });
        return sources;
    }

    int earlierCount()
    {
        return earlier.size();
    }

    int malformedLines()
    {
        return malformedLines;
    }

    /**
     * Rewrites the file with the earlier runs' lines {@code keep} accepts, then this run's, and
     * forgets the others: called once recovery is over, so the file does not grow run after run.
     */
    void compact(final Predicate<String> keep) throws IOException
    {
        final long end = channel.position();
        final ByteBuffer thisRun = ByteBuffer.allocate((int)(end - thisRunStart));
        channel.read(thisRun, thisRunStart);
        final StringBuilder kept = new StringBuilder();
        earlier.entrySet().removeIf(entry -> !keep.test(entry.getKey()));
        earlier.forEach((id, entry) -> kept.append(id).append(' ').append(entry.strategyId()).append(' ')
            .append(entry.strategyRunId()).append(' ').append(entry.requestId()).append(' ').append(entry.strategySourceId()).append('\n'));
        final Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final ByteBuffer head = ByteBuffer.wrap(kept.toString().getBytes(StandardCharsets.US_ASCII));
            while (head.hasRemaining())
            {
                out.write(head);
            }
            thisRun.flip();
            while (thisRun.hasRemaining())
            {
                out.write(thisRun);
            }
            out.force(true);
        }
        channel.close();
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(channel.size());
        thisRunStart = kept.length();
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close the request journal " + file, ex);
        }
    }
}
