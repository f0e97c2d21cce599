package io.tickmesh.feed;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.InvalidValueException;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Symbols;
import io.tickmesh.model.Tick;
import io.tickmesh.model.Timestamps;
import io.tickmesh.model.TradeTick;
import java.util.function.LongSupplier;

/**
 * The one place where field texts become a tick, shared by the JSON and the CSV parser: it reads each
 * value as it comes, then checks what only the whole line can tell (required fields, fields of the other
 * type, crossed quote, identity, clock skew) before it builds the record. Reused line after line by one
 * parser, so it is not thread-safe.
 */
final class TickFields {
  private final LongSupplier wallClockNanos;
  private final long maxClockSkewNanos;
  private String checkedDefaultFeed;
  /** Symbols and feed ids read lately, to be handed out again (see {@link TextCache}). */
  private final TextCache symbols = new TextCache();
  private final TextCache feeds = new TextCache();
  private int seen; // keys the line named, null values included
  private int present; // fields with a value
  private boolean trade;
  private String sym;
  private String feed;
  private long ts;
  private long seq;
  private long px;
  private long qty;
  private long bid;
  private long bidQty;
  private long ask;
  private long askQty;

  TickFields(LongSupplier wallClockNanos, long maxClockSkewNanos) {
    if (maxClockSkewNanos < 0) {
      throw new IllegalArgumentException("maxClockSkewNanos must not be negative");
    }
    this.wallClockNanos = wallClockNanos;
    this.maxClockSkewNanos = maxClockSkewNanos;
  }

  /** Starts a new line. */
  void reset() {
    seen = 0;
    present = 0;
    feed = null;
    seq = 0;
  }

  /** Notes that the line names {@code f}; naming it twice is refused. */
  void key(TickField f) {
    if ((seen & f.bit) != 0) {
      throw fail("duplicate field '" + f.key + "'");
    }
    seen |= f.bit;
  }

  /** Reads the value of {@code f} from {@code v}, which must not be kept; a JSON number says so. */
  void value(TickField f, CharSequence v, boolean jsonNumber) {
    try {
      switch (f) {
        case TYPE -> trade = FieldValues.isTrade(v);
        case SYM -> {
          String known = symbols.find(v);
          sym = known != null ? known : symbols.keep(FieldValues.identifier(f, v, Symbols.MAX_LENGTH));
        }
        case TS -> ts = FieldValues.ts(v, jsonNumber);
        case PX -> px = FieldValues.decimal(f, v);
        case QTY -> qty = FieldValues.decimal(f, v);
        case BID -> bid = FieldValues.decimal(f, v);
        case BID_QTY -> bidQty = FieldValues.decimal(f, v);
        case ASK -> ask = FieldValues.decimal(f, v);
        case ASK_QTY -> askQty = FieldValues.decimal(f, v);
        case FEED -> {
          String known = feeds.find(v);
          feed = known != null ? known : feeds.keep(FieldValues.feed(v));
        }
        case SEQ -> seq = FieldValues.seq(v);
      }
    } catch (InvalidValueException e) {
      throw fail(e.getMessage());
    }
    present |= f.bit;
  }

  /** A refusal naming the feed and seq read so far. */
  TickFormatException fail(String reason) {
    return new TickFormatException(reason, feed, seq);
  }

  /** Checks the line as a whole, then builds its tick; asks {@code defaults} only for what it lacks. */
  Tick build(FeedDefaults defaults) {
    int missing = (TickField.TYPE.bit | TickField.SYM.bit | TickField.TS.bit) & ~present;
    if (missing != 0) {
      throw fail(TickField.first(missing).key + " is required");
    }
    String kind = trade ? "trade" : "quote";
    int foreign = present & (trade ? TickField.QUOTE_ONLY : TickField.TRADE_ONLY);
    if (foreign != 0) {
      throw fail("unexpected field '" + TickField.first(foreign).key + "' for a " + kind);
    }
    missing = (trade ? TickField.TRADE_ONLY : TickField.QUOTE_ONLY) & ~present;
    if (missing != 0) {
      throw fail(TickField.first(missing).key + " is required for a " + kind);
    }
    if (!trade && bid > ask) {
      throw fail("crossed quote: bid " + Decimals.toText(bid) + " > ask " + Decimals.toText(ask));
    }
    boolean hasSeq = (present & TickField.SEQ.bit) != 0;
    if (feed != null && !hasSeq) {
      throw fail("seq is required when feed is given");
    }
    checkClock();
    String tickFeed = feed != null ? feed : defaultFeed(defaults);
    long tickSeq = hasSeq ? seq : assignedSeq(defaults);
    return trade
        ? new TradeTick(tickFeed, tickSeq, sym, ts, px, qty)
        : new QuoteTick(tickFeed, tickSeq, sym, ts, bid, bidQty, ask, askQty);
  }

  private void checkClock() {
    if (ts - wallClockNanos.getAsLong() > maxClockSkewNanos) {
      throw fail("ts " + Timestamps.format(ts) + " is more than " + maxClockSkewNanos / 1_000_000
          + " ms ahead of this node's clock");
    }
  }

  @SuppressWarnings("ReferenceEquality") // identity on purpose: a cheap "already checked" test
  private String defaultFeed(FeedDefaults defaults) {
    String f = defaults.feed();
    if (f != checkedDefaultFeed) { // a connection's feed rarely changes: check each new one once
      if (f == null) {
        throw new IllegalStateException("FeedDefaults gave no feed id");
      }
      try {
        String unused = FieldValues.identifier(TickField.FEED, f, FieldValues.MAX_FEED_LENGTH);
      } catch (InvalidValueException e) {
        throw new IllegalStateException("FeedDefaults gave a bad feed id: " + e.getMessage(), e);
      }
      checkedDefaultFeed = f;
    }
    return f;
  }

  private static long assignedSeq(FeedDefaults defaults) {
    long s = defaults.nextSeq();
    if (s <= 0) {
      throw new IllegalStateException("FeedDefaults gave a seq that is not positive: " + s);
    }
    return s;
  }
}
