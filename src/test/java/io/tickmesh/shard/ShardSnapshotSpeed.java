package io.tickmesh.shard;

import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.TradeTick;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A load run, started by hand, that prints the size of a {@link ShardSnapshot} of a shard with 1000
 * symbols and how long encoding and decoding it take on one thread. The shard has 1s and 1m bars and
 * has taken a minute of trades (five a second per symbol, a quote after every tenth) with emitDue every
 * 100 ms, as a shard timer would; once with the default allowed lateness of 0, once with 2 s so that
 * more bars are open. Not a test: timing has no place in assertions.
 *
 * <p>{@code mvn -q test-compile && java -cp target/classes:target/test-classes
 * io.tickmesh.shard.ShardSnapshotSpeed}
 */
public final class ShardSnapshotSpeed {
  private static final int SYMBOLS = 1_000;
  private static final int RUNS = 300;
  private static final long START = Ticks.ts("2026-11-24T14:30:00Z");
  private static final long MS = 1_000_000L;

  private ShardSnapshotSpeed() {}

  public static void main(String[] args) {
    measure(0);
    measure(2_000);
  }

  private static void measure(long latenessMs) {
    BarSettings settings =
        new BarSettings(
            List.of(BarInterval.parse("1s"), BarInterval.parse("1m")),
            latenessMs * MS,
            1_000 * MS,
            1_000);
    ShardModel shard = shard(settings);
    byte[] bytes = shard.snapshot();
    long[] encode = new long[RUNS];
    long[] decode = new long[RUNS];
    for (int round = 0; round < 2; round++) { // the first round warms up the JIT
      for (int i = 0; i < RUNS; i++) {
        long t0 = System.nanoTime();
        bytes = shard.snapshot();
        long t1 = System.nanoTime();
        ShardSnapshot.Restored restored = ShardSnapshot.decode(bytes, settings, t1);
        long t2 = System.nanoTime();
        if (restored.symbols().size() != SYMBOLS) {
          throw new IllegalStateException("restored " + restored.symbols().size() + " symbols");
        }
        encode[i] = t1 - t0;
        decode[i] = t2 - t1;
      }
    }
    System.out.printf(
        "lateness %d ms: %d symbols, %d bytes (%d bytes/symbol), %d open or revisable bars;"
            + " encode median %d us (min %d, max %d), decode median %d us (min %d, max %d)%n",
        latenessMs,
        SYMBOLS,
        bytes.length,
        bytes.length / SYMBOLS,
        openBars(shard),
        median(encode) / 1_000,
        Arrays.stream(encode).min().orElseThrow() / 1_000,
        Arrays.stream(encode).max().orElseThrow() / 1_000,
        median(decode) / 1_000,
        Arrays.stream(decode).min().orElseThrow() / 1_000,
        Arrays.stream(decode).max().orElseThrow() / 1_000);
  }

  /** A minute of trades and quotes over 1000 symbols from 8 feeds, emitDue every 100 ms. */
  private static ShardModel shard(BarSettings settings) {
    ShardModel shard = new ShardModel(settings);
    SplittableRandom random = new SplittableRandom(42);
    long[] prices = new long[SYMBOLS];
    Arrays.fill(prices, 100 * Decimals.ONE);
    long seq = 0;
    int trades = SYMBOLS * 5 * 60;
    for (int i = 0; i < trades; i++) {
      long ts = START + i * (60_000 * MS / trades) + random.nextLong(0, 50 * MS); // a little disorder
      int s = random.nextInt(SYMBOLS);
      prices[s] = Math.max(Decimals.ONE, prices[s] + random.nextLong(-1_000_000, 1_000_001));
      String feed = "feed" + (s % 8);
      String symbol = "SYM" + s;
      long now = ts - START; // the clock runs with event time, as for a live feed
      long qty = random.nextLong(1, 1_000) * Decimals.ONE;
      var unused = shard.apply(new TradeTick(feed, ++seq, symbol, ts, prices[s], qty), now);
      if (i % 10 == 0) {
        long bid = prices[s] - 1_000_000;
        long ask = prices[s] + 1_000_000;
        QuoteTick quote = new QuoteTick(feed, ++seq, symbol, ts, bid, 3 * qty, ask, 2 * qty);
        var unusedQuote = shard.apply(quote, now);
      }
      if (i % (trades / 600) == 0) {
        shard.emitDue(now, bar -> {});
      }
    }
    return shard;
  }

  private static long openBars(ShardModel shard) {
    return shard.symbols.values().stream()
        .flatMap(state -> state.intervalBars().stream())
        .mapToLong(bars -> bars.openBuilders().size() + bars.revisableBuilders().size())
        .sum();
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
