package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.quote;
import static io.tickmesh.shard.Ticks.settings;
import static io.tickmesh.shard.Ticks.trade;
import static io.tickmesh.shard.Ticks.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Quote;
import org.junit.jupiter.api.Test;

/** The live quote: top of book and last trade by key, session totals of the newest UTC day. */
class SymbolStateQuoteTest {
  private static final long NOW = 0;

  @Test
  void emptyStateHasNoData() {
    SymbolState state = new SymbolState("AAPL", settings(0, 1_000, 10, "1s"));
    Quote quote = state.quote();
    assertThat(quote.symbol()).isEqualTo("AAPL");
    assertThat(quote.ts()).isEqualTo(Long.MIN_VALUE);
    assertThat(quote.bid()).isNull();
    assertThat(quote.last()).isNull();
    assertThat(quote.lastTs()).isNull();
    assertThat(quote.volume()).isNull();
    assertThat(quote.vwap()).isNull();
    assertThat(quote.trades()).isZero();
    assertThat(state.lastTs()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void topOfBookIsTheQuoteWithTheLargestKeyNotTheLastToArrive() {
    SymbolState state = new SymbolState("AAPL", settings(0, 1_000, 10, "1s"));
    assertThat(state.applyQuote(quote("a", 5, "2026-11-24T14:30:02Z", "10", "1", "11", "2"))).isTrue();
    assertThat(state.applyQuote(quote("a", 4, "2026-11-24T14:30:01Z", "20", "1", "21", "2")))
        .isFalse();
    assertThat(state.quote().bid()).isEqualByComparingTo("10");

    // same ts: feed "b" sorts after "a", so it wins whichever arrives first
    assertThat(state.applyQuote(quote("b", 1, "2026-11-24T14:30:02Z", "12", "3", "13", "4"))).isTrue();
    assertThat(state.applyQuote(quote("a", 6, "2026-11-24T14:30:02Z", "30", "3", "31", "4")))
        .isFalse();
    Quote quote = state.quote();
    assertThat(quote.bid()).isEqualByComparingTo("12");
    assertThat(quote.bidQty()).isEqualByComparingTo("3");
    assertThat(quote.ask()).isEqualByComparingTo("13");
    assertThat(quote.askQty()).isEqualByComparingTo("4");
    assertThat(quote.ts()).isEqualTo(ts("2026-11-24T14:30:02Z"));
  }

  @Test
  void newerQuoteWithTheSameBookIsNotAChangeButMovesTheTs() {
    SymbolState state = new SymbolState("AAPL", settings(0, 1_000, 10, "1s"));
    assertThat(state.applyQuote(quote("a", 1, "2026-11-24T14:30:01Z", "10", "1", "11", "2"))).isTrue();
    assertThat(state.applyQuote(quote("a", 2, "2026-11-24T14:30:03Z", "10", "1", "11", "2")))
        .isFalse();
    assertThat(state.lastTs()).isEqualTo(ts("2026-11-24T14:30:03Z"));
    assertThat(state.applyQuote(quote("a", 3, "2026-11-24T14:30:04Z", "10", "1", "11", "5"))).isTrue();
  }

  @Test
  void lastTradeIsTheOneWithTheLargestKey() {
    SymbolState state = new SymbolState("AAPL", settings(60_000, 1_000, 10, "1s"));
    assertThat(state.applyTrade(trade("b", 1, "2026-11-24T14:30:05Z", "10", "1"), NOW)).isNull();
    assertThat(state.applyTrade(trade("a", 9, "2026-11-24T14:30:05Z", "11", "2"), NOW)).isNull();
    assertThat(state.applyTrade(trade("a", 8, "2026-11-24T14:30:04Z", "12", "3"), NOW)).isNull();
    Quote quote = state.quote();
    assertThat(quote.last()).isEqualByComparingTo("10");
    assertThat(quote.lastQty()).isEqualByComparingTo("1");
    assertThat(quote.lastTs()).isEqualTo(ts("2026-11-24T14:30:05Z"));
    assertThat(quote.volume()).isEqualByComparingTo("6");
    assertThat(quote.vwap()).isEqualByComparingTo("11.33333333"); // 68 / 6
    assertThat(quote.trades()).isEqualTo(3);
  }

  @Test
  void sessionStartsAgainAtUtcMidnightAndIgnoresTradesOfTheDayBefore() {
    SymbolState state = new SymbolState("AAPL", settings(3_600_000, 1_000, 10, "1s"));
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T23:59:59.5Z", "10", "100"), NOW)).isNull();
    assertThat(state.quote().volume()).isEqualByComparingTo("100");

    assertThat(state.applyTrade(trade("a", 2, "2026-11-25T00:00:00.25Z", "20", "5"), NOW)).isNull();
    assertThat(state.applyTrade(trade("a", 3, "2026-11-24T23:59:59.9Z", "30", "7"), NOW)).isNull();

    Quote quote = state.quote();
    assertThat(quote.volume()).isEqualByComparingTo("5");
    assertThat(quote.vwap()).isEqualByComparingTo("20");
    assertThat(quote.trades()).isEqualTo(1);
    assertThat(quote.last()).isEqualByComparingTo("20");
    assertThat(quote.ts()).isEqualTo(ts("2026-11-25T00:00:00.25Z"));

    // the trade of the day before still counts in its bar
    BarCollector out = new BarCollector();
    state.emitDue(NOW + 3 * Ticks.SECOND, out);
    assertThat(out.latest())
        .filteredOn(b -> b.start() == ts("2026-11-24T23:59:59Z"))
        .extracting(Bar::trades)
        .containsExactly(2L);
    assertThat(state.closedBars(BarInterval.parse("1s"), null, null, 10)).hasSize(2);
  }
}
