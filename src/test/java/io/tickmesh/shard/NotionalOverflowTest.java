package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.settings;
import static io.tickmesh.shard.Ticks.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Reject;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Sums that would pass 2^127 refuse the trade instead of wrapping into a negative VWAP. */
class NotionalOverflowTest {
  private static final String MAX = "92233720368.54775807"; // Long.MAX_VALUE at scale 8

  @Test
  void aTradeThatWouldOverflowItsBarIsRefusedAndNothingChanges() {
    SymbolState state = new SymbolState("AAPL", settings(0, 1_000, 10, "1s", "1m"));
    // (2^63 - 1)^2 twice is just below 2^127; a third would wrap (it gave a negative VWAP before)
    assertThat(state.applyTrade(trade("f", 1, "2026-11-24T14:30:00Z", MAX, MAX), 0)).isNull();
    assertThat(state.applyTrade(trade("f", 2, "2026-11-24T14:30:00.1Z", MAX, MAX), 0)).isNull();
    assertThat(state.applyTrade(trade("f", 3, "2026-11-24T14:30:00.2Z", MAX, MAX), 0)).startsWith("overflow:");
    assertThat(state.quote().vwap()).isEqualByComparingTo(MAX);
    assertThat(state.quote().trades()).isEqualTo(2L);
    assertThat(state.quote().volume()).isEqualByComparingTo("184467440737.09551614");
    assertThat(state.applyTrade(trade("f", 4, "2026-11-24T14:30:00.3Z", "1", "1"), 0))
        .as("a small trade still fits").isNull();
  }

  @Test
  void roomIsExactNearTheLimit() {
    Sum128 sum = new Sum128();
    sum.addProduct(Long.MAX_VALUE, Long.MAX_VALUE); // 2^126 - 2^64 + 1
    assertThat(sum.hasRoomFor(Long.MAX_VALUE, Long.MAX_VALUE)).isTrue();
    sum.addProduct(Long.MAX_VALUE, Long.MAX_VALUE); // 2^127 - 2^65 + 2
    assertThat(sum.toBigInteger().signum()).isPositive();
    assertThat(sum.hasRoomFor(Long.MAX_VALUE, Long.MAX_VALUE)).isFalse();
    assertThat(sum.hasRoomFor(1L << 32, 1L << 32)).isTrue();
    assertThat(sum.hasRoomFor(1L << 33, 1L << 32)).isFalse();
    BigInteger limit = BigInteger.ONE.shiftLeft(127);
    assertThat(sum.hasRoomFor(Long.MAX_VALUE, 1L << 60))
        .isEqualTo(sum.toBigInteger().add(BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(60)).compareTo(limit) < 0);
  }

  @Test
  void rejectsNeverCarryNul() {
    Reject r = new Reject("f\u0000", 1, 2, "bad type '\u0000'", "{\"type\":\"\u0000\"}", 0);
    assertThat(r.feed()).isEqualTo("f\uFFFD");
    assertThat(r.reason()).isEqualTo("bad type '\uFFFD'");
    assertThat(r.raw()).doesNotContain("\u0000");
  }
}
