package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.trade;
import static io.tickmesh.shard.Ticks.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.TradeTick;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarBuilderTest {
  private static final BarInterval ONE_SECOND = BarInterval.parse("1s");

  @Test
  void openAndCloseFollowTheKeyNotTheOrderOfArrival() {
    // same ts: the feed decides, then the seq
    TradeTick first = trade("a", 7, "2026-11-24T14:30:00.5Z", "11", "1");
    TradeTick second = trade("a", 9, "2026-11-24T14:30:00.5Z", "12", "1");
    TradeTick third = trade("b", 1, "2026-11-24T14:30:00.5Z", "13", "1");
    TradeTick earliest = trade("z", 1, "2026-11-24T14:30:00.1Z", "9", "1");
    for (List<TradeTick> order :
        List.of(
            List.of(first, second, third, earliest),
            List.of(third, earliest, second, first),
            List.of(second, third, first, earliest))) {
      BarBuilder builder = new BarBuilder(ts("2026-11-24T14:30:00Z"));
      order.forEach(builder::add);
      Bar bar = builder.toBar("AAPL", ONE_SECOND);
      assertThat(bar.open()).isEqualByComparingTo("9");
      assertThat(bar.close()).isEqualByComparingTo("13");
      assertThat(bar.high()).isEqualByComparingTo("13");
      assertThat(bar.low()).isEqualByComparingTo("9");
      assertThat(bar.trades()).isEqualTo(4);
    }
  }

  @Test
  void vwapIsRoundedHalfEvenToEightPlaces() {
    BarBuilder builder = new BarBuilder(ts("2026-11-24T14:30:00Z"));
    builder.add(trade("a", 1, "2026-11-24T14:30:00.1Z", "0.00000001", "1"));
    builder.add(trade("a", 2, "2026-11-24T14:30:00.2Z", "0.00000002", "1"));
    builder.add(trade("a", 3, "2026-11-24T14:30:00.3Z", "0.00000002", "1"));
    builder.add(trade("a", 4, "2026-11-24T14:30:00.4Z", "0.00000001", "1"));
    // 6e-8 / 4 = 1.5e-8: the tie goes to the even neighbour, 2e-8
    assertThat(builder.toBar("AAPL", ONE_SECOND).vwap()).isEqualByComparingTo("0.00000002");

    builder.add(trade("a", 5, "2026-11-24T14:30:00.5Z", "0.00000004", "2"));
    // 14e-8 / 6 = 2.333e-8
    assertThat(builder.toBar("AAPL", ONE_SECOND).vwap()).isEqualByComparingTo("0.00000002");
  }

  @Test
  void volumeBeyondTheLongRangeStaysExact() {
    BarBuilder builder = new BarBuilder(ts("2026-11-24T14:30:00Z"));
    // 3 × 5e18 scaled overflows a long; the notional, about 2^126.7, still fits 128 bits
    for (int i = 1; i <= 3; i++) {
      builder.add(trade("a", i, "2026-11-24T14:30:00.1Z", "92233720368.54775799", "50000000000"));
    }
    Bar bar = builder.toBar("AAPL", ONE_SECOND);
    assertThat(bar.volume()).isEqualByComparingTo("150000000000");
    assertThat(bar.vwap()).isEqualByComparingTo("92233720368.54775799");
  }
}
