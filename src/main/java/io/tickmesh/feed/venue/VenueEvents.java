package io.tickmesh.feed.venue;

/**
 * What a {@link VenueProtocol} makes of the venue's messages, in the node's terms: symbols are the feed's
 * ({@code coinbase:BTC-USD}), prices and sizes scaled decimals, times epoch nanoseconds. The feed checks
 * and routes them.
 */
public interface VenueEvents {
  /**
   * A trade with the venue's id {@code tradeId} (ids increase per product). {@code resent}: the venue
   * sends it again on every subscribe (Coinbase's {@code last_match}), so one already taken is no error.
   */
  void trade(String symbol, long tradeId, boolean resent, long tsNanos, long px, long qty);

  /** A best bid and ask, numbered {@code seq} by the venue (increasing per product); sizes 0 where not given. */
  void quote(String symbol, long seq, long tsNanos, long bid, long bidQty, long ask, long askQty);

  /** {@code book} changed (a snapshot or an update applied): it goes out with the next publication. */
  void bookChanged(PriceLevelBook book);

  /** {@code book} was thrown away for {@code reason} and waits for a snapshot; counted and logged. */
  void bookResync(PriceLevelBook book, String reason);

  /** When the message being read arrived, epoch nanoseconds: the time of a quote whose venue gives none. */
  long receivedNanos();

  /** Sends {@code text} to the venue on the open connection (a resubscribe); lost with the connection if it closes. */
  void send(String text);

  /**
   * {@code product}'s book needs a REST snapshot: GET {@code path} (with its query) of the feed's
   * {@code snapshotUrl}; the answer comes back through {@link VenueProtocol#snapshot}, on the same connection only.
   */
  void snapshotWanted(String product, String path);

  /** A check of the venue's figures against ours failed for {@code symbol}: logged, with {@code detail}. */
  void checkFailed(String symbol, String detail);
}
