package io.tickmesh.feed.venue;

import io.tickmesh.model.Decimals;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Binance's closed 1-minute klines ({@code kline_1m}, {@code x} true) checked against the 1-minute bar of the
 * trades the feed took: open, high, low, close, volume and the number of trades (a bar is a function of
 * its trades only, so this is the bar the shards make of them). A kline names the ids of its first and last
 * trades ({@code f}, {@code L}); the check knows from the trade ids ({@code trade} or {@code aggTrade}'s
 * {@code f..l}) whether it saw every trade of the minute. If it did, the whole bar is compared. If it came
 * in mid-minute (a start, a reconnect), it takes the venue's open kline of that minute as a base once its
 * trades go on right after the kline's last trade id, and compares the base plus the trades after it. A
 * minute with a gap in the trade ids, or without either, is not checked ({@link #skipped()}). Pure; one owner.
 */
final class KlineCheck {
  /** A kline's figures: its minute (epoch ms), the ids of its first and last trades, OHLC, volume (scaled) and trades. */
  record Kline(long startMs, long firstId, long lastId, long open, long high, long low, long close, long volume, long trades, boolean closed) {}

  /** OHLC, volume and number of trades of some trades. */
  private static final class Tally {
    long open;
    long high = Long.MIN_VALUE;
    long low = Long.MAX_VALUE;
    long close;
    long volume;
    long trades;

    void add(long px, long qty, long count) {
      open = trades == 0 ? px : open;
      high = Math.max(high, px);
      low = Math.min(low, px);
      close = px;
      volume += qty;
      trades += count;
    }
  }

  /** What is known of one minute of one symbol. */
  private static final class Minute {
    final long startMs;
    /** The id of the first trade of the minute taken, -1 before it. */
    long firstId = -1;
    final Tally all = new Tally();
    final Tally sinceBase = new Tally();
    Kline base;
    boolean baseConfirmed;
    Kline closing;
    boolean broken;

    Minute(long startMs) {
      this.startMs = startMs;
    }
  }

  /** A symbol's last trade id taken (-1: none since the start or the last reconnect) and its last two minutes. */
  private static final class Trades {
    long lastId = -1;
    final ArrayDeque<Minute> minutes = new ArrayDeque<>(2);
  }

  private final Map<String, Trades> bySymbol = new HashMap<>();
  private long checks;
  private long mismatches;
  private long skipped;

  /** Takes a trade of {@code symbol} covering trade ids {@code first..last} (an aggregate trade covers several), at {@code tsNanos}. */
  void trade(String symbol, long first, long last, long tsNanos, long px, long qty, VenueEvents out) {
    Trades t = bySymbol.computeIfAbsent(symbol, s -> new Trades());
    if (last <= t.lastId) {
      return; // taken already
    }
    if (t.lastId >= 0 && first != t.lastId + 1) {
      t.minutes.forEach(m -> m.broken = true); // trades missed: the minutes they may belong to cannot be checked
    }
    t.lastId = last;
    Minute m = minute(t, tsNanos / 1_000_000 / 60_000 * 60_000);
    if (m != null) {
      m.firstId = m.all.trades == 0 ? first : m.firstId;
      m.all.add(px, qty, last - first + 1);
      if (m.base != null && !m.baseConfirmed && last > m.base.lastId()) {
        m.baseConfirmed = first == m.base.lastId() + 1;
        m.base = m.baseConfirmed ? m.base : null; // straddles the base or skips trades: not a base
      }
      if (m.baseConfirmed && first > m.base.lastId()) {
        m.sinceBase.add(px, qty, last - first + 1);
      }
    }
    for (Minute each : t.minutes) {
      if (each.closing != null && t.lastId >= each.closing.lastId()) {
        resolve(symbol, each, out);
      }
    }
  }

  /** Takes a kline of {@code symbol}: an open one may become the base of its minute, a closed one is checked. */
  void kline(String symbol, Kline k, VenueEvents out) {
    Trades t = bySymbol.computeIfAbsent(symbol, s -> new Trades());
    Minute m = minute(t, k.startMs());
    if (m == null) {
      skipped += k.closed() ? 1 : 0;
      return;
    }
    if (!k.closed()) {
      if (m.base == null && m.firstId != k.firstId() && t.lastId <= k.lastId()) {
        m.base = k;
        m.baseConfirmed = t.lastId == k.lastId(); // every trade of ours after it is after the base
      }
      return;
    }
    if (k.trades() == 0) {
      skipped++;
      return;
    }
    m.closing = k;
    if (t.lastId >= k.lastId()) {
      resolve(symbol, m, out);
    }
  }

  /** The minute starting at {@code startMs} (made if newer than those kept, dropping the oldest); null if older. */
  private Minute minute(Trades t, long startMs) {
    for (Minute m : t.minutes) {
      if (m.startMs == startMs) {
        return m;
      }
    }
    if (!t.minutes.isEmpty() && t.minutes.peekLast().startMs > startMs) {
      return null;
    }
    if (t.minutes.size() == 2) {
      skipped += t.minutes.removeFirst().closing == null ? 0 : 1;
    }
    Minute m = new Minute(startMs);
    t.minutes.addLast(m);
    return m;
  }

  private void resolve(String symbol, Minute m, VenueEvents out) {
    Kline k = m.closing;
    m.closing = null;
    Tally ours;
    if (!m.broken && m.firstId == k.firstId()) {
      ours = m.all;
    } else if (!m.broken && m.baseConfirmed) {
      Kline b = m.base;
      Tally s = m.sinceBase;
      ours = new Tally();
      ours.open = b.open();
      ours.high = Math.max(b.high(), s.high);
      ours.low = Math.min(b.low(), s.low);
      ours.close = s.trades == 0 ? b.close() : s.close;
      ours.volume = b.volume() + s.volume;
      ours.trades = b.trades() + s.trades;
    } else {
      skipped++;
      return;
    }
    checks++;
    if (ours.open != k.open() || ours.high != k.high() || ours.low != k.low() || ours.close != k.close() || ours.volume != k.volume()
        || ours.trades != k.trades()) {
      mismatches++;
      out.checkFailed(symbol, "kline_1m of minute " + k.startMs() + " (ohlc, volume, trades) is " + text(k.open(), k.high(), k.low(),
          k.close(), k.volume()) + ", " + k.trades() + "; ours " + text(ours.open, ours.high, ours.low, ours.close, ours.volume) + ", " + ours.trades);
    }
  }

  private static String text(long... values) {
    StringBuilder sb = new StringBuilder();
    for (long v : values) {
      sb.append(sb.length() == 0 ? "" : " ").append(Decimals.toText(v));
    }
    return sb.toString();
  }

  /** The connection is gone: what was known of each minute is lost; a kline still waiting is skipped. */
  void disconnected() {
    bySymbol.values().forEach(t -> t.minutes.forEach(m -> skipped += m.closing == null ? 0 : 1));
    bySymbol.clear();
  }

  long checks() {
    return checks;
  }

  long mismatches() {
    return mismatches;
  }

  long skipped() {
    return skipped;
  }
}
