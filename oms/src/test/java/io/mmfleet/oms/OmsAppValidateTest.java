package io.mmfleet.oms;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.FleetConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OmsAppValidateTest
{
    private static final String BASE = String.join("\n",
        "[bus]",
        "CONTROL_ENDPOINT = tcp://127.0.0.1:7100",
        "SEND_HWM = 1000",
        "RECEIVE_HWM = 1000",
        "[instruments]",
        "ETH-USDC = 1",
        "[oms]",
        "SOURCE_ID = 3",
        "PUB_ENDPOINT = tcp://127.0.0.1:7103",
        "HTTP_PORT = 0",
        "INSTRUMENT_SCALES = ETH-USDC:2:4",
        "MAX_ORDER_QTY = ETH-USDC:5",
        "MAX_POSITION = ETH-USDC:20",
        "");
    private static final String EXEC = "[exec-handler]\nSOURCE_ID = 4\nPUB_ENDPOINT = tcp://127.0.0.1:7104\nHTTP_PORT = 0\n";
    private static final String POS = "[position-server]\nSOURCE_ID = 5\nPUB_ENDPOINT = tcp://127.0.0.1:7105\nHTTP_PORT = 0\n";

    private static void validate(final String text)
    {
        new OmsApp().validate(FleetConfig.load("test.ini", text, List.of(OmsConfig.SPEC)));
    }

    @Test
    void theShippedFleetIniValidates()
    {
        assertDoesNotThrow(() -> new OmsApp().validate(FleetConfig.load(Path.of("..", "config", "fleet.ini"), List.of(OmsConfig.SPEC))));
    }

    @Test
    void aVenueWhoseExecHandlerHasNoSectionIsRefusedNamingIt()
    {
        assertDoesNotThrow(() -> validate(BASE + EXEC + POS));
        final ConfigException ex = assertThrows(ConfigException.class, () -> validate(BASE + POS));
        assertTrue(ex.getMessage().contains("VENUES") && ex.getMessage().contains("[exec-handler]"), ex.getMessage());
    }

    @Test
    void aFileWithoutPositionServerIsRefused()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> validate(BASE + EXEC));
        assertTrue(ex.getMessage().contains("[position-server]"), ex.getMessage());
    }
}
