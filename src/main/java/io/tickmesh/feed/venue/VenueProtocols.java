package io.tickmesh.feed.venue;

import io.tickmesh.config.VenueFeed;
import java.util.function.UnaryOperator;

/** The protocol class of each venue: adding a venue is one class and one line here (and its channels in {@link VenueFeed}). */
public final class VenueProtocols {
  private VenueProtocols() {}

  /**
   * A new protocol (with empty books) for {@code feed}, its API credentials (if it has any) read from
   * {@code environment}; a credential that cannot be read is a {@code ConfigException}.
   */
  public static VenueProtocol of(VenueFeed feed, UnaryOperator<String> environment) {
    return switch (feed.venue()) {
      case "coinbase" -> new CoinbaseProtocol(feed, CoinbaseKey.fromEnvironment(feed, environment));
      case "kraken" -> new KrakenProtocol(feed);
      case "binance", "binance-futures" -> new BinanceProtocol(feed);
      default -> throw new IllegalArgumentException("no protocol for venue " + feed.venue());
    };
  }
}
