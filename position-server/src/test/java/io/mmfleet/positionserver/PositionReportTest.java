package io.mmfleet.positionserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.mmfleet.positionserver.TestFills.buy;
import static io.mmfleet.positionserver.TestFills.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionReportTest
{
    @TempDir
    Path dir;

    private final PositionReport report = new PositionReport(Map.of(1, "ETH-USDC", 2, "BTC-USDC")::get);

    @Test
    void printsPositionsPnlFeesAndInventoryFromTheLedgerAlone()
    {
        final String url = "jdbc:sqlite:" + dir.resolve("ledger.db");
        try (FillLedger ledger = FillLedger.open(url))
        {
            ledger.insert(buy(1, "2", "100").fee("0.002", "ETH").exec(5, 10).build());
            ledger.insert(sell(2, "1", "110").fee("0.11", "USDT").maker().exec(5, 12).build());
            ledger.insert(sell(3, "0.5", "30000").instrument(2).fee("0.01", "BNB").instrument(3).build());
        }
        final String text;
        try (FillLedger ledger = FillLedger.open(url))
        {
            text = report.render(ledger);
        }
        final String[] lines = text.split("\n");
        assertEquals("positions from " + url + ": 3 fills, 2 positions", lines[0]);
        assertTrue(lines[1].matches("venue +instrument +strategy +position +avg_cost +realized_pnl +fee_cost +unrealized_pnl +mark +maker_volume" +
            " +taker_volume +fills +last_exec_run/seq"), lines[1]);
        // ETH: bought 2 @ 100 less 0.002 fee units (cost 0.2, charged 0.2), sold 1 @ 110 for +10 less 0.11:
        // realized 9.69 after 0.31 of fees; 0.998 left at 100, marked to the last fill 110: +9.98.
        assertTrue(lines[2].matches("1 +ETH-USDC +7 +0\\.998 +100 +9\\.69 +0\\.31 +9\\.98 +110 +fill +1 +2 +2 +5/12"), lines[2]);
        // An instrument missing from [instruments] is shown by id; a BNB fee is not in PnL.
        assertTrue(lines[3].matches("1 +#3 +7 +-0\\.5 +30000 +0 +0 +0 +30000 +fill +0 +0\\.5 +1 +11/3"), lines[3]);
        assertTrue(text.contains("\nfees by asset"), text);
        assertTrue(text.matches("(?s).*\n1 +ETH-USDC +7 +ETH +0 +0\\.002\n.*"), text);
        assertTrue(text.matches("(?s).*\n1 +ETH-USDC +7 +USDT +0\\.11 +0\n.*"), text);
        assertTrue(text.matches("(?s).*\n1 +#3 +7 +BNB +0 +0\\.01\n.*"), text);
        assertTrue(text.matches("(?s).*\nUSDT +9\\.69 +9\\.98 +19\\.67\n.*"), text);
        assertTrue(text.matches("(?s).*\nETH-USDC +0\\.998\n#3 +-0\\.5\n"), text);
    }

    @Test
    void anEmptyLedgerSaysSo()
    {
        try (FillLedger ledger = FillLedger.open("jdbc:sqlite:" + dir.resolve("empty.db")))
        {
            assertEquals("positions from x: 0 fills, 0 positions\nno fills recorded\n",
                report.render(PositionBook.rebuild(ledger), "x", ledger.count()));
        }
    }
}
