package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.SECOND;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.TradeTick;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random trades of one symbol within three minutes, from several feeds with unique (feed, seq): prices
 * with up to 8 decimals, quantities up to the long limit (so volumes pass 2^63), timestamps that often
 * tie or sit on bar boundaries, sometimes across a UTC midnight.
 */
final class TradeSamples {
  private static final long SPAN = 180 * SECOND;

  private TradeSamples() {}

  static Arbitrary<List<TradeTick>> trades() {
    Arbitrary<Long> base =
        Arbitraries.of(Ticks.ts("2026-11-24T23:58:30Z"), Ticks.ts("2026-11-24T14:30:00Z"));
    Arbitrary<Long> offset =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, SPAN - 1),
            Arbitraries.longs().between(0, 179).map(s -> s * SECOND),
            Arbitraries.longs().between(0, 1_799).map(d -> d * SECOND / 10));
    Arbitrary<Long> px =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, 1_000_000_000_000_000L),
            Arbitraries.longs().between(1, 500).map(units -> units * Decimals.ONE));
    Arbitrary<Long> qty =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.longs().between(1, 10_000_000_000_000L)),
            Tuple.of(1, Arbitraries.longs().between(1, Long.MAX_VALUE)));
    Arbitrary<String> feed = Arbitraries.of("a", "b", "nyse");
    Arbitrary<List<Tuple.Tuple4<String, Long, Long, Long>>> rows =
        Combinators.combine(feed, offset, px, qty)
            .as(Tuple::of)
            .list()
            .ofMaxSize(150)
            .withSizeDistribution(RandomDistribution.uniform()); // the default favours tiny lists
    return Combinators.combine(base, rows).as(TradeSamples::toTrades);
  }

  private static List<TradeTick> toTrades(long base, List<Tuple.Tuple4<String, Long, Long, Long>> rows) {
    List<TradeTick> trades = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Tuple.Tuple4<String, Long, Long, Long> row = rows.get(i);
      // seq by position: unique across feeds, so unique per feed, and unrelated to ts
      trades.add(
          new TradeTick(row.get1(), i + 1, Ticks.SYMBOL, base + row.get2(), row.get3(), row.get4()));
    }
    return trades;
  }
}
