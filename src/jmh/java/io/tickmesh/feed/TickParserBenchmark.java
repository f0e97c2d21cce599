package io.tickmesh.feed;

import io.tickmesh.codec.JsonViews;
import io.tickmesh.model.Tick;
import io.tickmesh.model.Timestamps;
import io.tickmesh.obs.WallClock;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TickParser#parse}: one JSON tick line to a {@code TradeTick} or {@code QuoteTick}, as a feed
 * connection does it (the node's wall clock and skew check included). The lines are those of the
 * {@code bench} command with their identity: a seeded random walk over 1,000 symbols, 30% trades,
 * decimals as strings and ts as ISO-8601 text, 16,384 of them cycled so they stay in cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TickParserBenchmark {
  private static final int LINES = 1 << 14;
  private static final long START = Timestamps.parse("2026-11-23T14:30:00Z");

  private final byte[][] lines = new byte[LINES][];
  private final TickParser parser = new TickParser(WallClock::nanos, 60_000_000_000L);
  private final FeedDefaults identityInLine =
      new FeedDefaults() {
        @Override
        public String feed() {
          throw new IllegalStateException("every line carries its feed");
        }

        @Override
        public long nextSeq() {
          throw new IllegalStateException("every line carries its seq");
        }
      };
  private int next;

  /** Pre-generates the lines; nothing of this is timed. */
  @Setup
  public void generate() {
    RandomWalk walk = new RandomWalk(1_000, 42, "bench.jmh.1", 30);
    for (int i = 0; i < LINES; i++) {
      Tick tick = walk.next(START + i * 11_700_000L);
      lines[i] = JsonViews.tickLine(tick).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Parses the next line. */
  @Benchmark
  public Tick parse() {
    byte[] line = lines[next++ & (LINES - 1)];
    return parser.parse(line, 0, line.length, identityInLine);
  }
}
