package io.tickmesh.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The slow, obvious bars: group trades by bar start, open/close by the smallest/largest (ts, feed, seq),
 * VWAP = Σpx·qty / Σqty rounded half-even to 8 places, all in BigDecimal. Independent of the node's code.
 */
public final class ReferenceBars {
  /** One reference bar. */
  public record Bar(long start, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume, BigDecimal vwap, long trades) {}

  private static final Comparator<Trade> KEY =
      Comparator.comparingLong(Trade::ts).thenComparing(Trade::feed).thenComparingLong(Trade::seq);

  private ReferenceBars() {}

  /** Bars of one symbol at {@code intervalNanos}, by start. */
  public static TreeMap<Long, Bar> of(List<Trade> trades, String symbol, long intervalNanos) {
    Map<Long, List<Trade>> byStart =
        trades.stream()
            .filter(t -> t.symbol().equals(symbol))
            .collect(Collectors.groupingBy(t -> Math.floorDiv(t.ts(), intervalNanos) * intervalNanos));
    TreeMap<Long, Bar> bars = new TreeMap<>();
    byStart.forEach((start, group) -> bars.put(start, bar(start, group)));
    return bars;
  }

  private static Bar bar(long start, List<Trade> group) {
    List<Trade> sorted = group.stream().sorted(KEY).toList();
    BigDecimal volume = BigDecimal.ZERO;
    BigDecimal notional = BigDecimal.ZERO;
    BigDecimal high = sorted.get(0).px();
    BigDecimal low = high;
    for (Trade t : sorted) {
      volume = volume.add(t.qty());
      notional = notional.add(t.px().multiply(t.qty()));
      high = high.max(t.px());
      low = low.min(t.px());
    }
    BigDecimal vwap = notional.divide(volume, 8, RoundingMode.HALF_EVEN);
    return new Bar(start, sorted.get(0).px(), high, low, sorted.get(sorted.size() - 1).px(), volume, vwap, sorted.size());
  }

  /** Asserts that the node's bars (JSON of the contract) are exactly the reference, field by field. */
  /** Every 1-minute bar of each of {@code symbols}, as {@code http} answers it, equals the reference of {@code trades}. */
  public static void assertMinuteBars(Http http, List<String> symbols, List<Trade> trades) throws Exception {
    for (String symbol : symbols) {
      assertSame(http.allBars(symbol, "1m"), of(trades, symbol, 60_000_000_000L));
    }
  }

  public static void assertSame(JsonArray actual, TreeMap<Long, Bar> expected) {
    assertThat(actual.size()).as("number of bars").isEqualTo(expected.size());
    int i = 0;
    for (Bar want : expected.values()) {
      JsonObject got = actual.getJsonObject(i++);
      String at = "bar at " + Timestamps.format(want.start());
      assertThat(got.getString("start")).as(at).isEqualTo(Timestamps.format(want.start()));
      assertDecimal(got, "open", want.open(), at);
      assertDecimal(got, "high", want.high(), at);
      assertDecimal(got, "low", want.low(), at);
      assertDecimal(got, "close", want.close(), at);
      assertDecimal(got, "volume", want.volume(), at);
      assertDecimal(got, "vwap", want.vwap(), at);
      assertThat(got.getLong("trades")).as(at + " trades").isEqualTo(want.trades());
    }
  }

  private static void assertDecimal(JsonObject bar, String field, BigDecimal want, String at) {
    BigDecimal got = new BigDecimal(bar.getString(field));
    assertThat(got.compareTo(want)).as(at + " " + field + ": got " + got + ", want " + want).isZero();
  }
}
