package io.tickmesh.testing;

import io.tickmesh.model.Timestamps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded days of trades: prices a random walk with up to 8 decimal places, quantities with up to 3,
 * times spread over a span with occasional ties, so VWAP rounding and open/close tie-breaks are tested.
 */
public final class TradeDays {
  /** 2026-11-23T00:00:00Z: a past day, so bars close by event time. */
  public static final long DAY = Timestamps.parse("2026-11-23T00:00:00Z");

  private TradeDays() {}

  /** Symbols {@code <prefix>0} to {@code <prefix><n-1>}. */
  public static List<String> symbols(String prefix, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(prefix + i);
    }
    return out;
  }

  /** {@code n} trades of {@code symbols} in time order over [start, start + spanNanos), one feed. */
  public static List<Trade> generate(List<String> symbols, int n, long start, long spanNanos, String feed, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] offsets = new long[n];
    for (int i = 0; i < n; i++) {
      long t = random.nextLong(spanNanos);
      offsets[i] = random.nextInt(10) == 0 ? t - t % 1_000_000 : t; // a tenth on whole ms: ties happen
    }
    Arrays.sort(offsets);
    BigDecimal[] prices = new BigDecimal[symbols.size()];
    Arrays.fill(prices, new BigDecimal("100.00"));
    List<Trade> trades = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int s = random.nextInt(symbols.size());
      prices[s] = walk(prices[s], random);
      BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(1_000_000), random.nextInt(4)).stripTrailingZeros();
      trades.add(new Trade(feed, i + 1, symbols.get(s), start + offsets[i], prices[s], qty));
    }
    return trades;
  }

  /** Writes {@code trades} to {@code file} as feed lines, one per trade, in the contract's varied encodings. */
  public static void writeLines(List<Trade> trades, java.nio.file.Path file) throws java.io.IOException {
    List<String> lines = new ArrayList<>(trades.size());
    for (int i = 0; i < trades.size(); i++) {
      lines.add(trades.get(i).line(i));
    }
    java.nio.file.Files.write(file, lines);
  }

  private static BigDecimal walk(BigDecimal px, SplittableRandom random) {
    BigDecimal step = BigDecimal.valueOf(random.nextInt(7) - 3, 2);
    BigDecimal next = px.add(step);
    if (random.nextInt(4) == 0) {
      next = next.add(BigDecimal.valueOf(random.nextInt(100_000_000), 8)).setScale(8, RoundingMode.UNNECESSARY);
    } else {
      next = next.setScale(2, RoundingMode.DOWN);
    }
    return next.compareTo(BigDecimal.ONE) < 0 ? BigDecimal.ONE : next.stripTrailingZeros();
  }
}
