package io.tickmesh.feed.venue;

import io.tickmesh.config.VenueFeed;

/** The protocol class of each venue: adding a venue is one class and one line here (and its channels in {@link VenueFeed}). */
public final class VenueProtocols {
  private VenueProtocols() {}

  /** A new protocol (with empty books) for {@code feed}. */
  public static VenueProtocol of(VenueFeed feed) {
    return switch (feed.venue()) {
      case "coinbase" -> new CoinbaseProtocol(feed);
      case "kraken" -> new KrakenProtocol(feed);
      case "binance", "binance-futures" -> new BinanceProtocol(feed);
      default -> throw new IllegalArgumentException("no protocol for venue " + feed.venue());
    };
  }
}
