package io.tickmesh.peer.flink;

import io.tickmesh.cli.BenchTickReader;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the input implies for a round, read once before any is timed: ticks, trades, quotes, symbols,
 * the number of 1 s and 1 min bars (distinct symbol and bar start among the trades) and the total traded
 * volume (scaled by 10^8), which the bars of each interval must add up to.
 */
public record InputFacts(long ticks, long trades, long quotes, int symbols, long bars1s, long bars1m, long volume) {
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;

  /** The facts of {@code lines}. */
  public static InputFacts of(List<byte[]> lines) throws IOException {
    BenchTickReader reader = new BenchTickReader();
    Set<String> symbols = new HashSet<>();
    Set<BarKey> seconds = new HashSet<>();
    Set<BarKey> minutes = new HashSet<>();
    long trades = 0;
    long volume = 0;
    for (byte[] line : lines) {
      Tick tick = reader.read(line);
      symbols.add(tick.symbol());
      if (tick instanceof TradeTick t) {
        trades++;
        volume = Math.addExact(volume, t.qty());
        seconds.add(new BarKey(t.symbol(), Math.floorDiv(t.ts(), SECOND)));
        minutes.add(new BarKey(t.symbol(), Math.floorDiv(t.ts(), MINUTE)));
      }
    }
    return new InputFacts(lines.size(), trades, lines.size() - trades, symbols.size(), seconds.size(), minutes.size(), volume);
  }

  /** A bar's identity: symbol and start in units of its interval. */
  private record BarKey(String symbol, long start) {}
}
