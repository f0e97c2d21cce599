package io.tickmesh.shard;

import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.TradeTick;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Readable test fixtures: ticks written with ISO times and decimal text, settings in milliseconds. */
final class Ticks {
  static final String SYMBOL = "AAPL";
  static final long SECOND = 1_000_000_000L;
  static final long MILLI = 1_000_000L;

  private Ticks() {}

  /** Nanoseconds since the epoch of an ISO-8601 UTC instant such as 2026-11-24T14:30:00.5Z. */
  static long ts(String iso) {
    Instant instant = Instant.parse(iso);
    return instant.getEpochSecond() * SECOND + instant.getNano();
  }

  static TradeTick trade(String feed, long seq, String iso, String px, String qty) {
    return new TradeTick(feed, seq, SYMBOL, ts(iso), Decimals.parse(px), Decimals.parse(qty));
  }

  static QuoteTick quote(
      String feed, long seq, String iso, String bid, String bidQty, String ask, String askQty) {
    return new QuoteTick(
        feed,
        seq,
        SYMBOL,
        ts(iso),
        Decimals.parse(bid),
        Decimals.parse(bidQty),
        Decimals.parse(ask),
        Decimals.parse(askQty));
  }

  static BarSettings settings(long latenessMs, long graceMs, int retain, String... intervals) {
    List<BarInterval> parsed = Arrays.stream(intervals).map(BarInterval::parse).toList();
    return new BarSettings(parsed, latenessMs * MILLI, graceMs * MILLI, retain);
  }
}
