package io.mmfleet.bench;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.HeartbeatPublisher;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.Topics;
import io.mmfleet.bus.config.DurationConverter;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.DaemonState;
import io.mmfleet.sbe.InstrumentDefinitionEncoder;
import io.mmfleet.sbe.InstrumentStatus;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TradeEncoder;
import org.zeromq.ZContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A live bus publisher of a synthetic market: a random-walk mid, a 10-level book around it and
 * occasional trades, with heartbeats and the instrument's definition. It is what {@code bin/demo}
 * sniffs before the quote-server exists, and a paced load for the bus runs. Deterministic from
 * its seed; allocates nothing per message.
 */
@Command(name = "feed", mixinStandardHelpOptions = true,
    description = "Publish a synthetic book, trades and heartbeats on the bus at a paced rate.")
public final class SyntheticFeed implements Callable<Integer>
{
    static final int PRICE_EXPONENT = -2;
    static final int QTY_EXPONENT = -4;
    static final int LEVELS = 10;
    static final int VENUE_ID = 99;

    @Option(names = "--endpoint", defaultValue = "tcp://127.0.0.1:7190", description = "PUB endpoint to bind (default: ${DEFAULT-VALUE})")
    String endpoint;

    @Option(names = "--rate", defaultValue = "20", description = "book updates per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--duration", converter = DurationConverter.class,
        description = "stop after this long, e.g. 10s (default: run until stopped)")
    Duration duration;

    @Option(names = "--instrument", defaultValue = "ETH-USDC", description = "instrument name, for the topic (default: ${DEFAULT-VALUE})")
    String instrument;

    @Option(names = "--instrument-id", defaultValue = "1", description = "its id in [instruments] (default: ${DEFAULT-VALUE})")
    int instrumentId;

    @Option(names = "--source-id", defaultValue = "901", description = "envelope source id (default: ${DEFAULT-VALUE})")
    int sourceId;

    @Option(names = "--seed", defaultValue = "7", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    private final EpochClock clock = new EpochClock();
    private volatile boolean running = true;
    private final BookUpdateEncoder book = new BookUpdateEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new SyntheticFeed()).execute(args));
    }

    @Override
    public Integer call()
    {
        if (rate < 1 || rate > 1_000_000)
        {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rate must be 1..1000000, got " + rate);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final Thread publishing = Thread.currentThread();
        // SIGTERM/SIGINT: finish the current message and say STOPPING rather than vanish mid-stream.
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            running = false;
            try
            {
                publishing.join(1_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "feed-shutdown"));
        try (ZContext zmq = new ZContext(1);
             BusPublisher publisher = new BusPublisher(zmq, endpoint, sourceId, clock.nanoTime(), 100_000, clock))
        {
            // One stream per instrument, as the quote-server publishes: md.<venue>.<instrument>.
            final PublishStream stream = publisher.stream(Topics.MARKET_DATA + "sim." + instrument);
            final HeartbeatPublisher heartbeat = new HeartbeatPublisher(publisher, "feed", clock.nanoTime());
            System.err.println("# feed publishing on " + publisher.boundEndpoint() + " at " + rate + "/s");

            final long intervalNs = TimeUnit.SECONDS.toNanos(1) / rate;
            final long stopNs = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            long midTicks = 300_000; // 3000.00 at the price exponent
            long nextSendNs = System.nanoTime();
            long nextHeartbeatNs = nextSendNs;
            long updateId = 0;
            long tradeId = 0;
            while (running && System.nanoTime() < stopNs)
            {
                final long now = System.nanoTime();
                if (now >= nextHeartbeatNs)
                {
                    // Late joiners need the definition to check prices, so it is repeated with the heartbeat.
                    publishDefinition(publisher, stream);
                    heartbeat.publish(DaemonState.READY);
                    nextHeartbeatNs = now + TimeUnit.SECONDS.toNanos(1);
                }
                if (now < nextSendNs)
                {
                    LockSupport.parkNanos(Math.min(nextSendNs, nextHeartbeatNs) - now);
                    continue;
                }
                nextSendNs += intervalNs;
                midTicks = Math.max(1_000, midTicks + random.nextInt(-3, 4));
                publishBook(publisher, stream, midTicks, ++updateId, random);
                if (random.nextInt(4) == 0)
                {
                    final boolean buy = random.nextBoolean();
                    publisher.wrap(trade)
                        .venueId(VENUE_ID)
                        .instrumentId(instrumentId)
                        .venueTradeId(++tradeId)
                        .aggressorSide(buy ? Side.BUY : Side.SELL)
                        .venueTimeNs(clock.nanoTime());
                    trade.price().mantissa(buy ? midTicks + 1 : midTicks - 1).exponent((byte)PRICE_EXPONENT);
                    trade.qty().mantissa(1 + random.nextInt(50_000)).exponent((byte)QTY_EXPONENT);
                    publisher.publish(stream, trade, 0);
                }
            }
            heartbeat.publish(DaemonState.STOPPING);
            System.err.println("# feed stopped after " + publisher.messagesSent() + " messages");
        }
        return 0;
    }

    private void publishBook(
        final BusPublisher publisher, final PublishStream stream, final long midTicks, final long updateId, final SplittableRandom random)
    {
        publisher.wrap(book).venueId(VENUE_ID).instrumentId(instrumentId).venueUpdateId(updateId).venueTimeNs(clock.nanoTime());
        final BookUpdateEncoder.BidsEncoder bids = book.bidsCount(LEVELS);
        for (int level = 0; level < LEVELS; level++)
        {
            final BookUpdateEncoder.BidsEncoder entry = bids.next();
            entry.price().mantissa(midTicks - 1 - level).exponent((byte)PRICE_EXPONENT);
            entry.qty().mantissa(1_000 + random.nextInt(100_000)).exponent((byte)QTY_EXPONENT);
        }
        final BookUpdateEncoder.AsksEncoder asks = book.asksCount(LEVELS);
        for (int level = 0; level < LEVELS; level++)
        {
            final BookUpdateEncoder.AsksEncoder entry = asks.next();
            entry.price().mantissa(midTicks + 1 + level).exponent((byte)PRICE_EXPONENT);
            entry.qty().mantissa(1_000 + random.nextInt(100_000)).exponent((byte)QTY_EXPONENT);
        }
        publisher.publish(stream, book, 0);
    }

    private void publishDefinition(final BusPublisher publisher, final PublishStream stream)
    {
        publisher.wrap(definition)
            .venueId(VENUE_ID)
            .instrumentId(instrumentId)
            .status(InstrumentStatus.TRADING)
            .baseAsset("ETH")
            .quoteAsset("USDC");
        definition.tickSize().mantissa(1).exponent((byte)PRICE_EXPONENT);
        definition.lotSize().mantissa(1).exponent((byte)QTY_EXPONENT);
        definition.minQty().mantissa(1).exponent((byte)QTY_EXPONENT);
        definition.maxQty().mantissa(90_000_000).exponent((byte)QTY_EXPONENT);
        definition.minNotional().mantissa(500).exponent((byte)PRICE_EXPONENT);
        definition.maxNotional().mantissa(900_000_000).exponent((byte)PRICE_EXPONENT);
        definition.venueSymbol("ETHUSDC");
        publisher.publish(stream, definition, 0);
    }
}
