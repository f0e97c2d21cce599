package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.SECOND;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random streams of trades and quotes of three symbols from three feeds, as a shard receives them: seq
 * increasing along the stream (so per feed), timestamps within three minutes in random order (so trades
 * arrive late, revise closed bars or are refused), often tied or on bar boundaries, sometimes across a
 * UTC midnight; prices with up to 8 decimals, quantities now and then up to the long limit.
 */
final class StreamSamples {
  static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "BRK.B");
  private static final long SPAN = 180 * SECOND;

  /** One generated tick before it gets its seq: a quote uses px as bid and qty for sizes and spread. */
  private record Row(boolean trade, String symbol, String feed, long offset, long px, long qty) {}

  private StreamSamples() {}

  static Arbitrary<List<Tick>> streams() {
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
    Arbitrary<Row> row =
        Combinators.combine(
                Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)),
                Arbitraries.of(SYMBOLS),
                Arbitraries.of("a", "b", "nyse"),
                offset,
                px,
                qty)
            .as(Row::new);
    Arbitrary<List<Row>> rows =
        row.list().ofMaxSize(200).withSizeDistribution(RandomDistribution.uniform());
    return Combinators.combine(base, rows).as(StreamSamples::toTicks);
  }

  private static List<Tick> toTicks(long base, List<Row> rows) {
    List<Tick> ticks = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      long seq = i + 1; // by position: increasing per feed, unrelated to ts
      long ts = base + r.offset();
      if (r.trade()) {
        ticks.add(new TradeTick(r.feed(), seq, r.symbol(), ts, r.px(), r.qty()));
      } else {
        long spread = r.qty() % 1_000;
        long ask = r.px() <= Long.MAX_VALUE - spread ? r.px() + spread : r.px();
        ticks.add(new QuoteTick(r.feed(), seq, r.symbol(), ts, r.px(), r.qty() % 7, ask, r.qty()));
      }
    }
    return ticks;
  }
}
