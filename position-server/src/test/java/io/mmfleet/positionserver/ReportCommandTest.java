package io.mmfleet.positionserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code position-server report}: what it prints from a ledger, and its exit codes. */
class ReportCommandTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int report(final String... args)
    {
        return ReportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path config(final String ledgerUrl) throws Exception
    {
        final Path ini = dir.resolve("fleet.ini");
        Files.writeString(ini, String.join("\n",
            "[bus]",
            "CONTROL_ENDPOINT = tcp://127.0.0.1:7100",
            "SEND_HWM = 1000",
            "RECEIVE_HWM = 1000",
            "[instruments]",
            "ETH-USDC = 1",
            "[position-server]",
            "SOURCE_ID = 5",
            "PUB_ENDPOINT = tcp://127.0.0.1:7105",
            "HTTP_PORT = 0",
            "LEDGER_URL = " + ledgerUrl,
            ""));
        return ini;
    }

    @Test
    void printsPositionsAndPnlFromTheLedger() throws Exception
    {
        final String url = "jdbc:sqlite:" + dir.resolve("ledger.db");
        try (FillLedger ledger = FillLedger.open(url))
        {
            ledger.insert(TestFills.buy(1, "1.5", "3000").fee("0.0015", "ETH").maker().build());
            ledger.insert(TestFills.sell(2, "0.5", "3100").fee("1.55", "USDT").build());
        }
        assertEquals(0, report("--config", config(url).toString()), err.toString());
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("positions from " + url + ": 2 fills, 1 positions"), text);
        // 1.5 bought, 0.0015 of it the fee, 0.5 sold: 0.9985 ETH.
        assertTrue(text.matches("(?s).*\\n1\\s+ETH-USDC\\s+7\\s+0\\.9985\\s.*"), text);
        assertTrue(text.contains("PnL by quote asset"), text);
        assertTrue(err.toString().isEmpty(), err.toString());
    }

    @Test
    void aMissingLedgerIsAnErrorNotAnEmptyReport() throws Exception
    {
        final Path missing = dir.resolve("nowhere/ledger.db");
        assertEquals(1, report("--config", config("jdbc:sqlite:" + missing).toString()));
        assertTrue(err.toString().contains("no fills ledger at " + missing), err.toString());
        assertFalse(Files.exists(missing), "the report never creates a ledger");
    }

    @Test
    void aBadConfigOrCommandLineExitsTwo() throws Exception
    {
        assertEquals(2, report("--config", config("jdbc:sqlite::memory:").toString()));
        assertTrue(err.toString().contains("LEDGER_URL"), err.toString());
        assertEquals(2, report("--no-such-option"));
        assertEquals(2, report("--config", dir.resolve("absent.ini").toString()));
    }

    @Test
    void helpExitsZero()
    {
        assertEquals(0, report("--help"));
        assertTrue(out.toString().contains("--config"), out.toString());
    }
}
