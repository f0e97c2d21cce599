package io.tickmesh.feed.venue;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One venue's WebSocket protocol, the only part of a venue feed that differs between venues: what to send
 * once connected, and what each message means. It owns the books of its products. The feed verticle
 * ({@code io.tickmesh.feed.VenueFeedVerticle}) does the rest: connection, reconnects, pings, dedupe,
 * checks, routing, flow control, publication and stats.
 *
 * <p>Threading: owned by its feed verticle; every method runs on that verticle's event loop.
 */
public interface VenueProtocol {
  /**
   * The text messages that subscribe to the feed's products and channels, sent in order after each connect;
   * asked for afresh at each connect (a signed subscribe carries the time it was made).
   */
  List<String> subscriptions();

  /**
   * Takes one message, already parsed as JSON ({@code JsonObject} or {@code JsonArray}), reporting what it
   * means to {@code out}. Throws {@link VenueMessageException} for a message it refuses; nothing of that
   * message reached {@code out} then, unless the exception says a book was resynced.
   */
  void message(Object json, VenueEvents out);

  /** The connection is gone: every book awaits a fresh snapshot (the venue does not replay what was missed). */
  void disconnected();

  /** The books of the feed's products (none if it does not subscribe to books). */
  Collection<PriceLevelBook> books();

  /**
   * Whether the venue numbers each product's trades 1, 2, 3, …, so that a jump is trades missed (a gap).
   * False for a venue whose trade seqs are made up from what the trades carry (Kraken's times): they only increase.
   */
  default boolean numbersTradesConsecutively() {
    return true;
  }

  /**
   * Takes the REST snapshot of {@code product}'s book asked for with {@link VenueEvents#snapshotWanted},
   * already parsed as JSON; throws {@link VenueMessageException} for one it refuses (the feed asks again, later).
   */
  default void snapshot(String product, Object json, VenueEvents out) {
    throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "this venue takes no REST snapshots");
  }

  /** The counters of the venue's own checks (checksums, klines), for the feed's stats; none by default. */
  default Map<String, Long> counters() {
    return Map.of();
  }
}
