package io.tickmesh.config;

import io.tickmesh.model.Symbols;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One exchange WebSocket feed of {@code venues.feeds}: which venue's protocol it speaks ({@code venue}),
 * its name (the prefix of its symbols and feed ids, {@code coinbase:BTC-USD}; the venue's name unless
 * given), where it connects ({@code url}, ws:// or wss://), the venue's products it subscribes to, the
 * channels among those the venue offers (the venue's usual set unless given), and, for the venues whose
 * books start from a REST snapshot (Binance), the base URL of that snapshot ({@code snapshotUrl}, http://
 * or https://; the venue's public API unless given), and, for Coinbase, where its API credentials are
 * ({@code credentials}: the environment variables that hold them; null for none).
 */
public record VenueFeed(String name, String venue, String url, List<String> products, List<String> channels, String snapshotUrl,
    VenueCredentials credentials) {
  /** The venues spoken, each with the channels it offers (in the venue's own words). */
  public static final Map<String, List<String>> CHANNELS = Map.of(
      "coinbase", List.of("matches", "ticker", "level2"),
      "kraken", List.of("trade", "spread", "ticker", "book"),
      "binance", List.of("trade", "aggTrade", "bookTicker", "depth", "kline_1m"),
      "binance-futures", List.of("trade", "aggTrade", "bookTicker", "depth", "kline_1m"));
  /** The channels a feed takes when it names none: trade and aggTrade together would take each trade twice. */
  private static final Map<String, List<String>> DEFAULT_CHANNELS = Map.of(
      "coinbase", CHANNELS.get("coinbase"),
      "kraken", List.of("trade", "spread", "book"),
      "binance", List.of("aggTrade", "bookTicker", "depth", "kline_1m"),
      "binance-futures", List.of("aggTrade", "bookTicker", "depth", "kline_1m"));
  /** Where the venues that need one serve their book snapshots, unless {@code snapshotUrl} says otherwise. */
  private static final Map<String, String> SNAPSHOT_URLS = Map.of(
      "binance", "https://api.binance.com",
      "binance-futures", "https://fapi.binance.com");
  /** The fields a feed entry may have. */
  public static final Set<String> FIELDS = Set.of("name", "venue", "url", "products", "channels", "snapshotUrl", "apiKeyEnv",
      "apiSecretEnv", "apiPassphraseEnv");
  /** The venues whose feeds may sign their subscribes with API credentials. */
  private static final Set<String> SIGNED = Set.of("coinbase");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,15}");
  private static final Pattern BINANCE_PRODUCT = Pattern.compile("[A-Z0-9]{1,20}");
  private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s/?#]+(/[^\\s?#]*)?");

  /** Checks every field; an IllegalArgumentException names the field and what it expected. */
  public VenueFeed {
    if (venue == null || !CHANNELS.containsKey(venue)) {
      throw new IllegalArgumentException("venue: expected one of " + new java.util.TreeSet<>(CHANNELS.keySet()) + ", got " + venue);
    }
    name = name == null ? venue : name;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: expected 1 to 16 of a-z 0-9 _ - (starting with a letter or digit), got " + name);
    }
    if (url == null || !(url.startsWith("ws://") || url.startsWith("wss://")) || url.length() > 2048) {
      throw new IllegalArgumentException("url: expected a ws:// or wss:// URL, got " + url);
    }
    checkProducts(name, products);
    if (SNAPSHOT_URLS.containsKey(venue) && !products.stream().allMatch(p -> BINANCE_PRODUCT.matcher(p).matches())) {
      throw new IllegalArgumentException("products: expected " + venue + "'s own symbols, A-Z and 0-9 (BTCUSDT), got " + products);
    }
    List<String> offered = CHANNELS.get(venue);
    channels = channels == null ? DEFAULT_CHANNELS.get(venue) : channels;
    if (channels.isEmpty() || !offered.containsAll(channels)) {
      throw new IllegalArgumentException("channels: expected some of " + offered + " for " + venue + ", got " + channels);
    }
    if (channels.contains("trade") && channels.contains("aggTrade")) {
      throw new IllegalArgumentException("channels: trade or aggTrade, not both (each trade would be taken twice), got " + channels);
    }
    snapshotUrl = checkSnapshotUrl(venue, snapshotUrl);
    if (credentials != null && !SIGNED.contains(venue)) {
      throw new IllegalArgumentException("apiKeyEnv: only " + SIGNED + " feeds take API credentials, not " + venue);
    }
    products = List.copyOf(products);
    channels = List.copyOf(channels);
  }

  private static void checkProducts(String name, List<String> products) {
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
  }

  private static String checkSnapshotUrl(String venue, String snapshotUrl) {
    String standard = SNAPSHOT_URLS.get(venue);
    if (snapshotUrl == null) {
      return standard;
    }
    if (standard == null) {
      throw new IllegalArgumentException("snapshotUrl: " + venue + " takes no REST snapshot (only " + new java.util.TreeSet<>(SNAPSHOT_URLS.keySet())
          + " do), got " + snapshotUrl);
    }
    if (snapshotUrl.length() > 2048 || !HTTP_URL.matcher(snapshotUrl).matches()) {
      throw new IllegalArgumentException("snapshotUrl: expected an http:// or https:// URL without query, got " + snapshotUrl);
    }
    return snapshotUrl.endsWith("/") ? snapshotUrl.substring(0, snapshotUrl.length() - 1) : snapshotUrl;
  }

  /** A feed without API credentials. */
  public VenueFeed(String name, String venue, String url, List<String> products, List<String> channels, String snapshotUrl) {
    this(name, venue, url, products, channels, snapshotUrl, null);
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
