package io.tickmesh.shard;

import io.tickmesh.model.BarInterval;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Symbols;
import io.tickmesh.model.TradeTick;
import java.util.List;

/**
 * One symbol's analytics state in a {@link ShardSnapshot}: symbol, bar settings entry, which of last
 * trade and book are present, lastTs, highestTs (as lastTs − highestTs), the last trade (feed, seq,
 * highestTs − ts, px, qty), the book (feed, seq, lastTs − ts, bid, bidQty, ask, askQty), the session
 * (trade count, then if any: UTC day number, volume, notional), and per interval of the settings entry
 * the bars of {@link BarCodec}. The retained history of closed bars is left out on purpose (see
 * {@link ShardSnapshot}); the arrival of the highest ts cannot be carried and becomes the restore time.
 */
final class SymbolStateCodec {
  private static final int HAS_LAST_TRADE = 1;
  private static final int HAS_BOOK = 2;

  private SymbolStateCodec() {}

  static void write(SymbolState state, int settingsEntry, SnapshotWriter out) {
    out.writeString(state.symbol());
    out.writeVarLong(settingsEntry);
    TradeTick last = state.lastTrade();
    QuoteTick book = state.book();
    out.writeByte((last == null ? 0 : HAS_LAST_TRADE) | (book == null ? 0 : HAS_BOOK));
    long lastTs = state.lastTs();
    long highestTs = state.highestTs();
    out.writeSignedVarLong(lastTs);
    // 0 in the usual case; wraps when highestTs is Long.MIN_VALUE (no trade), and unwraps on reading
    out.writeSignedVarLong(lastTs - highestTs);
    if (last != null) {
      out.writeFeed(last.feed());
      out.writeVarLong(last.seq());
      out.writeSignedVarLong(highestTs - last.ts());
      out.writeVarLong(last.px());
      out.writeVarLong(last.qty());
    }
    if (book != null) {
      out.writeFeed(book.feed());
      out.writeVarLong(book.seq());
      out.writeSignedVarLong(lastTs - book.ts());
      out.writeVarLong(book.bid());
      out.writeVarLong(book.bidQty());
      out.writeVarLong(book.ask());
      out.writeVarLong(book.askQty());
    }
    writeSession(state.session(), out);
    for (IntervalBars bars : state.intervalBars()) {
      BarCodec.write(bars, highestTs, out);
    }
  }

  private static void writeSession(Session session, SnapshotWriter out) {
    out.writeVarLong(session.trades());
    if (session.trades() > 0) {
      out.writeSignedVarLong(Math.floorDiv(session.dayStart(), Session.DAY_NANOS));
      out.writeTotals(session);
    }
  }

  /** Reads a symbol written by {@link #write} into a new state with the configured {@code settings}. */
  static SymbolState read(
      SnapshotReader in, IntervalMapping mapping, BarSettings settings, long nowNanos) {
    String symbol = in.readString("symbol");
    if (!Symbols.isValid(symbol)) {
      throw in.corrupt("not a valid symbol: '" + symbol + "'");
    }
    in.atSymbol(symbol);
    int entry = (int) in.readBounded("bar settings entry", 0, mapping.entries() - 1L);
    int presence = in.readByte();
    if ((presence & ~(HAS_LAST_TRADE | HAS_BOOK)) != 0) {
      throw in.corrupt("unknown presence bits " + presence);
    }
    long lastTs = in.readSignedVarLong();
    long highestTs = lastTs - in.readSignedVarLong();
    TradeTick last = (presence & HAS_LAST_TRADE) == 0 ? null : readLastTrade(in, symbol, highestTs);
    QuoteTick book = (presence & HAS_BOOK) == 0 ? null : readBook(in, symbol, lastTs);
    SymbolState state = new SymbolState(symbol, settings);
    state.restore(last, book, lastTs, highestTs, nowNanos);
    readSession(in, state.session());
    BarInterval[] intervals = mapping.intervals(entry);
    List<IntervalBars> configured = state.intervalBars();
    for (int i = 0; i < intervals.length; i++) {
      int target = mapping.target(entry, i);
      IntervalBars into = target < 0 ? null : configured.get(target);
      long bars = BarCodec.read(in, intervals[i], into, symbol, highestTs);
      if (into == null) {
        mapping.dropped(intervals[i], bars);
      }
    }
    return state;
  }

  private static TradeTick readLastTrade(SnapshotReader in, String symbol, long highestTs) {
    String feed = in.readFeed();
    long seq = in.readVarLong();
    long ts = highestTs - in.readSignedVarLong();
    long px = in.readVarLong();
    return trade(in, feed, seq, symbol, ts, px, in.readVarLong());
  }

  private static QuoteTick readBook(SnapshotReader in, String symbol, long lastTs) {
    String feed = in.readFeed();
    long seq = in.readVarLong();
    long ts = lastTs - in.readSignedVarLong();
    long bid = in.readVarLong();
    long bidQty = in.readVarLong();
    long ask = in.readVarLong();
    long askQty = in.readVarLong();
    try {
      return new QuoteTick(feed, seq, symbol, ts, bid, bidQty, ask, askQty);
    } catch (IllegalArgumentException e) {
      throw in.corrupt("bad quote: " + e.getMessage());
    }
  }

  private static void readSession(SnapshotReader in, Session session) {
    long trades = in.readBounded("session trade count", 0, Long.MAX_VALUE);
    if (trades == 0) {
      return; // no trade yet: the new session is already what was written
    }
    long day = in.readSignedVarLong();
    if (day < Long.MIN_VALUE / Session.DAY_NANOS || day > Long.MAX_VALUE / Session.DAY_NANOS) {
      throw in.corrupt("session day " + day + " is out of the time range");
    }
    in.readTotals(session, trades);
    session.restoreDay(day * Session.DAY_NANOS);
  }

  /** A trade read from a snapshot; the model's own checks apply, and a failure names the byte. */
  static TradeTick trade(
      SnapshotReader in, String feed, long seq, String symbol, long ts, long px, long qty) {
    try {
      return new TradeTick(feed, seq, symbol, ts, px, qty);
    } catch (IllegalArgumentException e) {
      throw in.corrupt("bad trade: " + e.getMessage());
    }
  }
}
