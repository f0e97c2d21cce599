package io.tickmesh.shard;

import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.TradeTick;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A load run, started by hand, that prints single-thread figures for {@link SymbolState#applyTrade}:
 * 1000 symbols, 1s and 1m bars, one trade per microsecond of event time spread over the symbols at
 * random, and {@code emitDue} on every symbol each 100 ms of event time, as a shard timer would. Not a
 * test: timing has no place in assertions, and a JMH benchmark would be the rigorous version.
 *
 * <p>{@code mvn -q test-compile && java -Xmx1g -cp target/classes:target/test-classes
 * io.tickmesh.shard.ApplyTradeThroughput}
 */
public final class ApplyTradeThroughput {
  private static final int SYMBOLS = 1_000;
  private static final int BATCH = 2_000_000;
  private static final int EMIT_EVERY = 100_000; // trades, i.e. 100 ms of event time
  private static final long START = Ticks.ts("2026-11-24T14:30:00Z");

  private ApplyTradeThroughput() {}

  public static void main(String[] args) {
    BarSettings settings =
        new BarSettings(
            List.of(BarInterval.parse("1s"), BarInterval.parse("1m")), 0, 1_000_000_000L, 1_000);
    SymbolState[] states = new SymbolState[SYMBOLS];
    String[] names = new String[SYMBOLS];
    long[] prices = new long[SYMBOLS];
    for (int i = 0; i < SYMBOLS; i++) {
      names[i] = "SYM" + i;
      states[i] = new SymbolState(names[i], settings);
      prices[i] = 100 * Decimals.ONE;
    }
    SplittableRandom random = new SplittableRandom(42);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] bars = new long[1];
    long seq = 0;
    for (int round = 0; round < 13; round++) {
      TradeTick[] batch = new TradeTick[BATCH];
      for (int i = 0; i < BATCH; i++) {
        int s = random.nextInt(SYMBOLS);
        prices[s] = Math.max(Decimals.ONE, prices[s] + random.nextLong(-1_000_000, 1_000_001));
        seq++;
        long qty = random.nextLong(1, 1_000) * Decimals.ONE;
        batch[i] = new TradeTick("bench", seq, names[s], START + seq * 1_000, prices[s], qty);
      }
      long applyNanos = 0;
      long emitNanos = 0;
      long allocated = 0;
      int rejected = 0;
      for (int from = 0; from < BATCH; from += EMIT_EVERY) {
        long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        long t0 = System.nanoTime();
        for (int i = from; i < from + EMIT_EVERY; i++) {
          TradeTick t = batch[i];
          if (states[Integer.parseInt(t.symbol(), 3, t.symbol().length(), 10)].applyTrade(t, t0)
              != null) {
            rejected++;
          }
        }
        long t1 = System.nanoTime();
        allocated += threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - bytes;
        for (SymbolState state : states) {
          state.emitDue(t1, bar -> bars[0]++);
        }
        emitNanos += System.nanoTime() - t1;
        applyNanos += t1 - t0;
      }
      if (round >= 3) { // the first rounds warm up the JIT
        System.out.printf(
            "round %2d: applyTrade %.2f M trades/s (%.0f ns/trade, %.1f bytes/trade incl. symbol"
                + " lookup), emitDue %.1f ms per batch, %d bars so far, %d rejected%n",
            round,
            BATCH * 1_000.0 / applyNanos,
            (double) applyNanos / BATCH,
            (double) allocated / BATCH,
            emitNanos / 1e6,
            bars[0],
            rejected);
      }
    }
  }
}
