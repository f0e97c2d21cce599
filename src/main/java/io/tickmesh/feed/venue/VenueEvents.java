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
}
