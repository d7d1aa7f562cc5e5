package io.mmfleet.bus.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InstrumentTableTest
{
    private static InstrumentTable table(final String... rows)
    {
        return InstrumentTable.from(IniDocument.parse("fleet.ini", "[instruments]\n" + String.join("\n", rows) + "\n"));
    }

    private static String error(final String... rows)
    {
        return assertThrows(ConfigException.class, () -> table(rows)).getMessage();
    }

    @Test
    void looksInstrumentsUpByNameAndIdAndKeepsFileOrder()
    {
        final InstrumentTable table = table("ETH-USDC = 1", "BTC-USDC = 2", "SOL-USDT = 2147483647");

        assertEquals(List.of("ETH-USDC", "BTC-USDC", "SOL-USDT"), table.names());
        assertEquals(3, table.size());
        assertEquals(Optional.of(new Instrument("BTC-USDC", 2)), table.byName("BTC-USDC"));
        assertEquals(Optional.of(new Instrument("SOL-USDT", Integer.MAX_VALUE)), table.byId(Integer.MAX_VALUE));
        assertEquals(Optional.of(new Instrument("ETH-USDC", 1)), table.byId(1));
        assertEquals(Optional.empty(), table.byName("eth-usdc"));
        assertEquals(Optional.empty(), table.byId(3));
        assertEquals(List.of(new Instrument("ETH-USDC", 1), new Instrument("BTC-USDC", 2), new Instrument("SOL-USDT", 2147483647)),
            table.all());
    }

    @Test
    void namesAreBaseDashQuoteInUpperCaseLettersAndDigits()
    {
        assertEquals(List.of("1INCH-USDC", "ETH-USDC"), table("1INCH-USDC = 5", "ETH-USDC = 1").names());
        for (final String name : List.of("eth-usdc", "ETHUSDC", "ETH-USDC-PERP", "ETH_USDC", "ETH-", "ETH.USDC"))
        {
            assertEquals("config error: fleet.ini:2: [instruments] " + name +
                ": expected an instrument name BASE-QUOTE in upper-case letters and digits, got '" + name + "'",
                error(name + " = 1"));
        }
    }

    @Test
    void idsAreIntegersFromOneTo2147483647()
    {
        for (final String id : List.of("0", "-1", "2147483648", "abc", "1.0", ""))
        {
            assertEquals("config error: fleet.ini:3: [instruments] BTC-USDC: expected an integer between 1 and 2147483647, got '" +
                id + "'", error("ETH-USDC = 1", "BTC-USDC = " + id));
        }
    }

    @Test
    void anIdUsedTwiceNamesBothRows()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> table("ETH-USDC = 1", "# comment", "BTC-USDC = 1"));
        assertEquals("config error: fleet.ini:4: [instruments] BTC-USDC: expected an id unique in [instruments], " +
            "got '1' (already used by ETH-USDC on line 2)", ex.getMessage());
        assertEquals(4, ex.line());
        assertEquals("instruments", ex.section());
        assertEquals("BTC-USDC", ex.key());
    }

    @Test
    void aNameUsedTwiceIsADuplicateKey()
    {
        assertEquals("config error: fleet.ini:3: [instruments] ETH-USDC: duplicate key (first set on line 2)",
            error("ETH-USDC = 1", "ETH-USDC = 2"));
    }

    @Test
    void theTableMayBeEmptyButMustBePresent()
    {
        assertEquals(0, table().size());
        final ConfigException ex = assertThrows(
            ConfigException.class, () -> InstrumentTable.from(IniDocument.parse("fleet.ini", "[bus]\n")));
        assertEquals("config error: fleet.ini: [instruments]: missing section", ex.getMessage());
    }
}
