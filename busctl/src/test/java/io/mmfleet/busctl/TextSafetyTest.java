package io.mmfleet.busctl;

import io.mmfleet.bus.Envelope;
import io.mmfleet.sbe.InstrumentDefinitionEncoder;
import io.mmfleet.sbe.InstrumentStatus;
import io.mmfleet.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What comes off the wire cannot forge output lines or hide its bytes. */
class TextSafetyTest
{
    private final MessageDecoder decoder = new MessageDecoder(SchemaIr.load());

    private int definition(final UnsafeBuffer buffer, final byte[] baseAsset)
    {
        final InstrumentDefinitionEncoder encoder = new InstrumentDefinitionEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        encoder.venueId(1).instrumentId(1).status(InstrumentStatus.TRADING).putBaseAsset(baseAsset, 0).quoteAsset("USDC").venueSymbol("ETHUSDC");
        return Envelope.HEADER_LENGTH + encoder.encodedLength();
    }

    @Test
    void aTopicWithALineBreakIsQuotedAndEscaped()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final int length = definition(buffer, "ETH\0\0\0\0\0\0\0\0\0\0\0\0\0".getBytes());
        final String text = TextLine.render(decoder.decode("pos\nFAKE 1970 src=1 Injected", buffer, 0, length));
        assertFalse(text.contains("\n"), text);
        assertTrue(text.contains(" \"pos\\nFAKE 1970 src=1 Injected\" src="), text);

        final String error = TextLine.render(decoder.decode("md\r\nERROR fake", buffer, 0, 3));
        assertFalse(error.contains("\n") || error.contains("\r"), error);
        assertTrue(error.startsWith("ERROR shorter than the "), error);
    }

    @Test
    void charArraysKeepTheirSpacesAndShowOddBytesInHex()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final byte[] asset = new byte[16];
        final byte[] raw = {' ', ' ', 'X', ' ', 0x01, 'E', (byte)0xC3, (byte)0xA9};
        System.arraycopy(raw, 0, asset, 0, raw.length);
        final int length = definition(buffer, asset);
        final String baseAsset = decoder.decode("md.x", buffer, 0, length).at("/fields/baseAsset").asText();
        assertEquals("  X \\x01E\\xC3\\xA9", baseAsset);
    }
}
