package io.tickmesh.shard;

import io.tickmesh.feed.RandomWalk;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Timestamps;
import io.tickmesh.model.TradeTick;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link SymbolState#applyTrade} over 1,000 symbols with the node's bar settings (1s and 1m, lateness
 * 0, grace 1 s), on pre-generated trades of a seeded random walk. Each invocation applies a batch of
 * {@value #TRADES} trades to fresh states (made in an untimed setup), so event time only moves forward.
 *
 * <ul>
 *   <li>{@code applyTrade}: a busy market, a trade every 10 µs of event time, so nearly every trade
 *       lands in the bar of the symbol's previous one: the allocation-free path.
 *   <li>{@code applyTradeAndEmitBars}: the spacing of the {@code bench} file (11.7 ms, a symbol trades
 *       every ~12 s), so nearly every trade opens new bars, and, as a shard does after each batch,
 *       {@code emitDue} on the touched symbols every 512 trades, which closes and snapshots them.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SymbolStateBenchmark {
  private static final int SYMBOLS = 1_000;
  private static final int TRADES = 100_000;
  private static final int EMIT_EVERY = 512;
  private static final long START = Timestamps.parse("2026-11-23T14:30:00Z");
  private static final BarSettings SETTINGS =
      new BarSettings(List.of(BarInterval.parse("1s"), BarInterval.parse("1m")), 0, 1_000_000_000L, 1_000);

  private final TradeTick[] busy = new TradeTick[TRADES];
  private final TradeTick[] sparse = new TradeTick[TRADES];
  private final int[] symbolOf = new int[TRADES];
  private final SymbolState[] states = new SymbolState[SYMBOLS];
  private final long[] touchedIn = new long[SYMBOLS];
  private final int[] touched = new int[SYMBOLS];
  private List<String> names;

  /** Pre-generates both trade sequences (same symbols and prices, different event-time spacing). */
  @Setup
  public void generate() {
    RandomWalk walk = new RandomWalk(SYMBOLS, 42, "bench.jmh.1", 100);
    names = walk.symbols();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < SYMBOLS; i++) {
      index.put(names.get(i), i);
    }
    for (int i = 0; i < TRADES; i++) {
      TradeTick t = (TradeTick) walk.next(0);
      symbolOf[i] = index.get(t.symbol());
      busy[i] = new TradeTick(t.feed(), t.seq(), t.symbol(), START + i * 10_000L, t.px(), t.qty());
      sparse[i] = new TradeTick(t.feed(), t.seq(), t.symbol(), START + i * 11_700_000L, t.px(), t.qty());
    }
  }

  /** Fresh states for each batch, untimed (a batch takes milliseconds, so the setup cost is negligible). */
  @Setup(Level.Invocation)
  public void freshStates() {
    for (int i = 0; i < SYMBOLS; i++) {
      states[i] = new SymbolState(names.get(i), SETTINGS);
      touchedIn[i] = 0;
    }
  }

  /** Applies a batch of busy-market trades; returns how many were refused (none). */
  @Benchmark
  @OperationsPerInvocation(TRADES)
  public int applyTrade() {
    int refused = 0;
    long now = System.nanoTime();
    for (int i = 0; i < TRADES; i++) {
      if (states[symbolOf[i]].applyTrade(busy[i], now) != null) {
        refused++;
      }
    }
    return refused;
  }

  /** Applies a batch of bench-file trades, emitting due bars every 512 trades as a shard would. */
  @Benchmark
  @OperationsPerInvocation(TRADES)
  public void applyTradeAndEmitBars(Blackhole bars) {
    long now = System.nanoTime();
    long epoch = 1;
    int count = 0;
    for (int i = 0; i < TRADES; i++) {
      int s = symbolOf[i];
      bars.consume(states[s].applyTrade(sparse[i], now));
      if (touchedIn[s] != epoch) {
        touchedIn[s] = epoch;
        touched[count++] = s;
      }
      if (count > 0 && (i + 1) % EMIT_EVERY == 0) {
        for (int k = 0; k < count; k++) {
          states[touched[k]].emitDue(now, bars::consume);
        }
        count = 0;
        epoch++;
      }
    }
  }
}
