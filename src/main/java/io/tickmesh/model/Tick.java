package io.tickmesh.model;

/**
 * One market-data event for one symbol, as accepted from a feed. {@code ts} is event time in nanoseconds
 * since the epoch (UTC); {@code feed} and {@code seq} identify the tick for dedupe and give the total
 * order (ts, feed, seq) that makes bars independent of arrival order.
 */
public sealed interface Tick permits TradeTick, QuoteTick {
  /** The largest seq a feed may send: 2^53-1, exact in JavaScript and in any JSON parser. */
  long MAX_SEQ = 9_007_199_254_740_991L;

  /**
   * The prefix of the feed ids the node assigns to connections whose lines name no feed. A line may not
   * name such a feed; no one can send it again once its connection is gone.
   */
  String ASSIGNED_FEED_PREFIX = "auto:";

  /** Feed id: the publisher's, or the one the node assigned to the connection. */
  String feed();

  /** Sequence number within the feed, positive and increasing. */
  long seq();

  /** The instrument, see {@link Symbols}. */
  String symbol();

  /** Event time, nanoseconds since the epoch. */
  long ts();

  /** Orders ticks by (ts, feed, seq): the order in which open and close of a bar are chosen. */
  static int compareKeys(long ts1, String feed1, long seq1, long ts2, String feed2, long seq2) {
    int c = Long.compare(ts1, ts2);
    if (c != 0) {
      return c;
    }
    c = feed1.compareTo(feed2);
    return c != 0 ? c : Long.compare(seq1, seq2);
  }

  /** Checks the fields every tick shares; records call it from their compact constructors. */
  static void checkCommon(String feed, long seq, String symbol) {
    if (feed == null || feed.isEmpty()) {
      throw new IllegalArgumentException("feed missing");
    }
    if (seq <= 0) {
      throw new IllegalArgumentException("seq must be positive: " + seq);
    }
    if (!Symbols.isValid(symbol)) {
      throw new IllegalArgumentException("bad symbol: " + symbol);
    }
  }
}
