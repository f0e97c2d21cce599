package io.tickmesh.config;

import io.tickmesh.model.Symbols;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One exchange WebSocket feed of {@code venues.feeds}: which venue's protocol it speaks ({@code venue}),
 * its name (the prefix of its symbols and feed ids, {@code coinbase:BTC-USD}; the venue's name unless
 * given), where it connects ({@code url}, ws:// or wss://), the venue's products it subscribes to, and the
 * channels among those the venue offers (all of them unless given).
 */
public record VenueFeed(String name, String venue, String url, List<String> products, List<String> channels) {
  /** The venues spoken, each with the channels it offers (in the venue's own words). */
  public static final Map<String, List<String>> CHANNELS = Map.of(
      "coinbase", List.of("matches", "ticker", "level2"));
  /** The fields a feed entry may have. */
  public static final Set<String> FIELDS = Set.of("name", "venue", "url", "products", "channels");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,15}");

  /** Checks every field; an IllegalArgumentException names the field and what it expected. */
  public VenueFeed {
    if (venue == null || !CHANNELS.containsKey(venue)) {
      throw new IllegalArgumentException("venue: expected one of " + CHANNELS.keySet() + ", got " + venue);
    }
    name = name == null ? venue : name;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: expected 1 to 16 of a-z 0-9 _ - (starting with a letter or digit), got " + name);
    }
    if (url == null || !(url.startsWith("ws://") || url.startsWith("wss://")) || url.length() > 2048) {
      throw new IllegalArgumentException("url: expected a ws:// or wss:// URL, got " + url);
    }
    if (products == null || products.isEmpty() || products.size() > 1000) {
      throw new IllegalArgumentException("products: expected a list of 1 to 1000 product ids");
    }
    for (String product : products) {
      if (product == null || !Symbols.isValid(name + ":" + product) || product.isEmpty()) {
        throw new IllegalArgumentException("products: " + product + " does not make a symbol " + name + ":" + product
            + " of 1 to " + Symbols.MAX_LENGTH + " of A-Z a-z 0-9 . - _ : /");
      }
    }
    if (Set.copyOf(products).size() != products.size()) {
      throw new IllegalArgumentException("products: a product is given twice");
    }
    List<String> offered = CHANNELS.get(venue);
    channels = channels == null ? offered : channels;
    if (channels.isEmpty() || !offered.containsAll(channels)) {
      throw new IllegalArgumentException("channels: expected some of " + offered + " for " + venue + ", got " + channels);
    }
    products = List.copyOf(products);
    channels = List.copyOf(channels);
  }

  /** The node's symbol of the venue's {@code product}: {@code <name>:<product>}. */
  public String symbol(String product) {
    return name + ":" + product;
  }

  /** Whether the feed subscribes to {@code channel}. */
  public boolean wants(String channel) {
    return channels.contains(channel);
  }
}
