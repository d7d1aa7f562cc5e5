package io.mmfleet.sbe;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.ir.Token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The enum rule of EVOLUTION.md: a value a later version added (here the raw 200, which no enum defines) decodes to
 * SBE_UNKNOWN instead of throwing, the null value to NULL_VAL, and the raw value stays readable. The codecs are
 * generated with sbe.decode.unknown.enum.values=true for this; without it the generated get() throws
 * IllegalArgumentException and one newer publisher would break every older reader. The enums are taken from the
 * schema's IR, so an enum added later is covered too.
 */
class EnumUnknownValueTest
{
    private static final int UNKNOWN_RAW_VALUE = 200;

    @TestFactory
    Stream<DynamicTest> everyEnumDecodesAnUnknownValueToSbeUnknown()
    {
        final List<List<Token>> enums = SchemaIr.enumTypes(SchemaIr.load());
        assertFalse(enums.isEmpty(), "the schema's IR lists its enums");

        return enums.stream().map((tokens) -> DynamicTest.dynamicTest(
            tokens.get(0).name(), () -> assertUnknownAndNullDecode(tokens)));
    }

    @Test
    void decoderReadsAnUnknownEnumValueInAMessageWithoutThrowing()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final TradeEncoder encoder = new TradeEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.venueId(3).instrumentId(1042).venueTradeId(3_110_000_042L).aggressorSide(Side.BUY).venueTimeNs(77L);
        buffer.putByte(
            MessageHeaderEncoder.ENCODED_LENGTH + TradeEncoder.aggressorSideEncodingOffset(), (byte)UNKNOWN_RAW_VALUE);

        final TradeDecoder decoder = new TradeDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertSame(Side.SBE_UNKNOWN, decoder.aggressorSide());
        assertEquals(UNKNOWN_RAW_VALUE, decoder.aggressorSideRaw());
        assertEquals(3_110_000_042L, decoder.venueTradeId());
        assertEquals(77L, decoder.venueTimeNs());
    }

    private static void assertUnknownAndNullDecode(final List<Token> tokens) throws ReflectiveOperationException
    {
        final Token beginEnum = tokens.get(0);
        final Class<?> enumClass = Class.forName(SchemaIr.class.getPackageName() + "." + beginEnum.name());
        final Method get = getMethod(enumClass);

        for (final Token validValue : tokens.subList(1, tokens.size() - 1))
        {
            final long raw = validValue.encoding().constValue().longValue();
            assertFalse(UNKNOWN_RAW_VALUE == raw, beginEnum.name() + " defines " + UNKNOWN_RAW_VALUE);
            assertEquals(validValue.name(), ((Enum<?>)get.invoke(null, raw(get, raw))).name());
        }

        assertEquals("SBE_UNKNOWN", ((Enum<?>)get.invoke(null, raw(get, UNKNOWN_RAW_VALUE))).name());
        final long nullValue = beginEnum.encoding().applicableNullValue().longValue();
        assertEquals("NULL_VAL", ((Enum<?>)get.invoke(null, raw(get, nullValue))).name());
    }

    private static Method getMethod(final Class<?> enumClass)
    {
        for (final Method method : enumClass.getMethods())
        {
            if ("get".equals(method.getName()) && 1 == method.getParameterCount())
            {
                return method;
            }
        }

        throw new AssertionError(enumClass.getName() + " has no generated get(raw)");
    }

    /** The generated get takes the Java type of the encoding: short for uint8, byte for char, int for uint16. */
    private static Object raw(final Method get, final long value)
    {
        final Class<?> type = get.getParameterTypes()[0];
        if (short.class == type)
        {
            return (short)value;
        }
        if (byte.class == type)
        {
            return (byte)value;
        }
        if (int.class == type)
        {
            return (int)value;
        }

        return value;
    }
}
