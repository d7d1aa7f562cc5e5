package io.mmfleet.bench;

import org.HdrHistogram.Histogram;

/** One latency run: what was sent and received, and the one-way latencies (ns) after the warm-up. */
record LatencyResult(String hop, HopResult run, Histogram histogram)
{
}
