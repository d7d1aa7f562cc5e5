package io.mmfleet.bench;

import io.mmfleet.bus.EpochClock;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.zeromq.ZContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The bus run: throughput (highest no-loss rate, bus versus raw jeromq) and one-hop latency (bus,
 * raw jeromq and a plain TCP socket), all over real sockets on loopback with the sender and the
 * receiver on two threads of this JVM. Prints progress, then the table the README quotes.
 */
@Command(
    name = "bench bus",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Bus throughput (no-loss rate search vs raw jeromq) and one-hop latency (vs a plain TCP socket).")
public final class BusBench implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "Smoke run of a few seconds (CI); the figures mean nothing.")
    private boolean quick;

    @Option(names = "--hwm", paramLabel = "N", description = "Send/receive high-water mark of every ZeroMQ socket (default 100000, as [bus] SEND_HWM in config/fleet.ini).")
    private Integer highWaterMark;

    @Option(names = "--levels", paramLabel = "N", description = "BookUpdate levels per side (default 1: a 108-byte message).")
    private Integer levels;

    @Option(names = "--run-ms", paramLabel = "MS", description = "Length of each throughput run (default 1500, quick 150).")
    private Long runMillis;

    @Option(names = "--max-runs", paramLabel = "N", description = "Throughput runs per path at most (default 16, quick 5).")
    private Integer maxRuns;

    @Option(names = "--latency-rate", paramLabel = "MSGS", description = "Paced rate of the latency runs in msgs/s (default 10000, quick 5000).")
    private Integer latencyRate;

    @Option(names = "--latency-messages", paramLabel = "N", description = "Messages measured per latency run (default 100000, quick 2000).")
    private Integer latencyMessages;

    @Option(names = "--warmup-messages", paramLabel = "N", description = "Messages sent before measuring latency (default 20000, quick 1000).")
    private Integer warmupMessages;

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine()
    {
        return new CommandLine(new BusBench());
    }

    @Override
    public Integer call()
    {
        final BusBenchSettings settings;
        try
        {
            settings = settings().validate();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final BusBenchReport report = run(settings, line ->
        {
            out.println(line);
            out.flush();
        });
        out.println();
        out.print(report.table());
        out.flush();
        return 0;
    }

    private BusBenchSettings settings()
    {
        final BusBenchSettings preset = quick ? BusBenchSettings.quickRun() : BusBenchSettings.fullRun();
        return new BusBenchSettings(
            preset.quick(),
            highWaterMark != null ? highWaterMark : preset.highWaterMark(),
            levels != null ? levels : preset.levels(),
            runMillis != null ? runMillis : preset.runMillis(),
            maxRuns != null ? maxRuns : preset.maxRuns(),
            preset.precision(),
            preset.startRate(),
            preset.maxRate(),
            latencyRate != null ? latencyRate : preset.latencyRate(),
            latencyMessages != null ? latencyMessages : preset.latencyMessages(),
            warmupMessages != null ? warmupMessages : preset.warmupMessages(),
            preset.quietMillis());
    }

    /** Runs everything; {@code progress} gets one line per run as it finishes. */
    static BusBenchReport run(final BusBenchSettings settings, final Consumer<String> progress)
    {
        settings.validate();
        final EpochClock clock = new EpochClock();
        final long quietNs = TimeUnit.MILLISECONDS.toNanos(settings.quietMillis());
        final int hwm = settings.highWaterMark();
        final int levels = settings.levels();
        try (ZContext context = new ZContext(1))
        {
            final AtomicLong runIds = new AtomicLong(System.currentTimeMillis());
            final Supplier<Hop> bus = () -> new BusHop(context, hwm, levels, clock, runIds.getAndIncrement());
            final Supplier<Hop> raw = () -> new JeromqHop(context, hwm, levels, clock);
            final Supplier<Hop> tcp = () -> new TcpHop(levels, clock);

            final RateSearch search = new RateSearch(
                settings.startRate(), settings.maxRate(), settings.runMillis(), settings.maxRuns(), settings.precision());
            final List<RateSearch.Result> throughput = new ArrayList<>();
            for (final Supplier<Hop> hops : List.of(bus, raw))
            {
                final RateSearch.RunAtRate runAtRate = RateSearch.onFreshHops(
                    hops, () -> new BackoffIdleStrategy(100, 10, 1_000, 100_000), quietNs);
                // Warm the path's code up first: a search that starts cold finds the JIT's limit, not
                // the path's, and whichever path runs first would be penalised.
                final HopResult warmUp = runAtRate.run(settings.startRate(), Math.max(1, 3 * settings.startRate() * settings.runMillis() / 1000));
                progress.accept(describe("warm-up", warmUp));
                throughput.add(search.search(runAtRate, run -> progress.accept(describe("throughput", run))));
            }

            final List<LatencyResult> latency = new ArrayList<>();
            for (final Supplier<Hop> hops : List.of(bus, raw, tcp))
            {
                try (Hop hop = hops.get())
                {
                    final LatencyRecorder recorder = new LatencyRecorder(clock, settings.warmupMessages());
                    final HopResult run = new HopRun(hop, new BusySpinIdleStrategy(), quietNs, HopRun.CONNECT_TIMEOUT_NS)
                        .run(settings.latencyRate(), (long)settings.warmupMessages() + settings.latencyMessages(), recorder);
                    progress.accept(describe("latency", run));
                    latency.add(new LatencyResult(hop.name(), run, recorder.histogram()));
                }
            }
            return new BusBenchReport(settings, BenchMessage.encoded(levels).length, throughput, latency);
        }
    }

    private static String describe(final String kind, final HopResult run)
    {
        return String.format(Locale.ROOT, "%-10s %-34s target %,10d/s achieved %,12.0f/s sent %,9d received %,9d lost %,6d %s",
            kind, run.hop(), run.targetRate(), run.achievedRate(), run.sent(), run.received(), run.knownLost(),
            run.noLoss() ? "clean" : "LOSS");
    }
}
