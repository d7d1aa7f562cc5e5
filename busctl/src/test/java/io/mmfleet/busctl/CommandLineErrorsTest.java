package io.mmfleet.busctl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage and configuration errors exit 2 with one clear line, before any socket is opened. */
class CommandLineErrorsTest
{
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(final String... args)
    {
        final CommandLine commandLine = BusCtl.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    private Path ini(final String extra) throws Exception
    {
        final Path file = dir.resolve("fleet.ini");
        Files.writeString(file, "[bus]\nCONTROL_ENDPOINT = tcp://127.0.0.1:7100\nSEND_HWM = 10\nRECEIVE_HWM = 10\n" +
            "[instruments]\nETH-USDC = 1\n[oms]\nSOURCE_ID = 3\nPUB_ENDPOINT = tcp://127.0.0.1:7103\nHTTP_PORT = 0\n" + extra);
        return file;
    }

    @Test
    void unknownMessageFieldNamesTheField() throws Exception
    {
        assertEquals(2, run("send", "--config", ini("").toString(), "--json", "{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"bogus\":1}"));
        assertEquals("busctl: KillSwitch: unknown field \"bogus\"; expected one of [commandId, scope, venueId, strategyId, reason]",
            err.toString().strip());
    }

    @Test
    void malformedCommandIdIsNotReplaced() throws Exception
    {
        assertEquals(2, run("send", "--config", ini("").toString(), "--json", "{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"commandId\":\"x1\"}"));
        assertEquals("busctl: KillSwitch.commandId: expected an integer, got \"x1\"", err.toString().strip());
    }

    @Test
    void invalidJsonAndUnreadableFile() throws Exception
    {
        final String config = ini("").toString();
        assertEquals(2, run("send", "--config", config, "--json", "{\"type\":"));
        assertTrue(err.toString().startsWith("busctl: --json is not valid JSON: "), err::toString);
        assertEquals(2, run("send", "--config", config, "--file", dir.resolve("missing.json").toString()));
        assertTrue(err.toString().contains("busctl: cannot read " + dir.resolve("missing.json")), err::toString);
    }

    @Test
    void unknownAckDaemon() throws Exception
    {
        assertEquals(2, run("send", "--config", ini("").toString(), "--ack-from", "exec-handler", "--json", "{\"type\":\"KillSwitch\",\"scope\":\"ALL\"}"));
        assertTrue(err.toString().startsWith("busctl: no daemon [exec-handler] in "), err::toString);
    }

    @Test
    void busctlMayNotShareADaemonsSourceId() throws Exception
    {
        final Path config = ini("[busctl]\nSOURCE_ID = 3\n");
        assertEquals(2, run("send", "--config", config.toString(), "--json", "{\"type\":\"KillSwitch\",\"scope\":\"ALL\"}"));
        assertTrue(err.toString().contains("config error: " + config + ":12: [busctl] SOURCE_ID: expected a source id apart from " +
            "every daemon's, got '3' (the SOURCE_ID of [oms])"), err::toString);

        final StringWriter defaultClash = new StringWriter();
        final Path clash = dir.resolve("clash.ini");
        Files.writeString(clash, Files.readString(ini("")).replace("SOURCE_ID = 3", "SOURCE_ID = 900"));
        final CommandLine commandLine = BusCtl.commandLine().setErr(new PrintWriter(defaultClash, true));
        assertEquals(2, commandLine.execute("send", "--config", clash.toString(), "--json", "{\"type\":\"KillSwitch\",\"scope\":\"ALL\"}"));
        assertTrue(defaultClash.toString().contains("got the default 900 (the SOURCE_ID of [oms])"), defaultClash::toString);
    }

    @Test
    void badBusctlSectionIsAConfigError() throws Exception
    {
        final Path config = ini("[busctl]\nSOURCE_ID = 900\nACK_TIMEOUT = soon\n");
        assertEquals(2, run("send", "--config", config.toString(), "--json", "{\"type\":\"KillSwitch\",\"scope\":\"ALL\"}"));
        assertTrue(err.toString().contains("[busctl]") && err.toString().contains("ACK_TIMEOUT"), err::toString);
    }

    @Test
    void badOptions()
    {
        assertEquals(2, run("sniff", "--endpoint", "tcp://127.0.0.1:1", "--duration", "5x"));
        assertTrue(err.toString().contains("Invalid value for option '--duration'"), err::toString);
        assertEquals(2, run("sniff", "--endpoint", "tcp://127.0.0.1:1", "--count", "0"));
        assertTrue(err.toString().contains("busctl: --count must be positive, got 0"), err::toString);
        assertEquals(2, run("send", "--json", "{}", "--file", "x.json"));
        assertEquals(2, run("record"));
    }

    @Test
    void badWatchOptionsAndConfig() throws Exception
    {
        final String config = ini("").toString();
        assertEquals(2, run("watch", "--config", config, "--duration", "0s"));
        assertTrue(err.toString().contains("Invalid value for option '--duration': expected a duration between 1ms"), err::toString);
        assertEquals(2, run("watch", "--config", config, "--interval", "soon"));
        assertTrue(err.toString().contains("Invalid value for option '--interval'"), err::toString);
        assertEquals(2, run("watch", "--config", dir.resolve("missing.ini").toString(), "--duration", "1s"));
        assertTrue(err.toString().contains("missing.ini"), err::toString);
    }
}
