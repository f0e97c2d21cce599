package io.tickmesh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code venues.feeds}: read from YAML-like lists and JSON text, every bad entry refused naming the key and the field. */
class VenueFeedsConfigTest {
  private static final Map<String, Object> COINBASE = Map.of("venue", "coinbase", "url", "wss://ws-feed.exchange.coinbase.com",
      "products", List.of("BTC-USD", "ETH-USD"));

  @Test
  void aFeedTakesTheVenuesNameAndChannelsUnlessGiven() {
    VenueFeed feed = TickmeshConfig.of(Map.of("venues.feeds", List.of(COINBASE))).venues().feeds().get(0);
    assertThat(feed.name()).isEqualTo("coinbase");
    assertThat(feed.channels()).containsExactly("matches", "ticker", "level2");
    assertThat(feed.symbol("BTC-USD")).isEqualTo("coinbase:BTC-USD");
  }

  @Test
  void krakenAndBinanceTakeTheirUsualChannelsAndBinanceItsSnapshotUrl() {
    var feeds = TickmeshConfig.of(Map.of("venues.feeds", List.of(
        Map.of("venue", "kraken", "url", "wss://ws.kraken.com", "products", List.of("XBT/USD")),
        Map.of("venue", "binance", "url", "wss://stream.binance.com:9443/stream", "products", List.of("BTCUSDT")),
        Map.of("venue", "binance-futures", "url", "wss://fstream.binance.com/stream", "products", List.of("BTCUSDT"),
            "snapshotUrl", "http://127.0.0.1:8099/")))).venues().feeds();
    assertThat(feeds.get(0).channels()).containsExactly("trade", "spread", "book");
    assertThat(feeds.get(0).symbol("XBT/USD")).isEqualTo("kraken:XBT/USD");
    assertThat(feeds.get(0).snapshotUrl()).isNull();
    assertThat(feeds.get(1).channels()).containsExactly("aggTrade", "bookTicker", "depth", "kline_1m");
    assertThat(feeds.get(1).snapshotUrl()).isEqualTo("https://api.binance.com");
    assertThat(feeds.get(2).symbol("BTCUSDT")).isEqualTo("binance-futures:BTCUSDT");
    assertThat(feeds.get(2).snapshotUrl()).isEqualTo("http://127.0.0.1:8099");
  }

  @Test
  void jsonTextSetsItFromTheEnvironmentOrAProperty() {
    String text = "[{\"venue\":\"coinbase\",\"url\":\"ws://127.0.0.1:1/\",\"products\":[\"BTC-USD\"],\"channels\":[\"matches\"]}]";
    VenueFeed feed = TickmeshConfig.of(Map.of("venues.feeds", text)).venues().feeds().get(0);
    assertThat(feed.channels()).containsExactly("matches");
  }

  @Test
  void badEntriesAreRefusedNamingTheKeyAndTheField() {
    assertRefused(List.of(Map.of("venue", "coinbase", "url", "wss://x", "products", List.of("BTC-USD"), "chanels", List.of("ticker"))),
        "config key 'venues.feeds' (overrides): expected a list of feeds", "feed 1: unknown field 'chanels'");
    assertRefused(List.of(Map.of("venue", "nasdaq", "url", "wss://x", "products", List.of("A"))), "feed 1: venue: expected one of");
    assertRefused(List.of(Map.of("venue", "coinbase", "url", "http://x", "products", List.of("A"))), "feed 1: url: expected a ws:// or wss:// URL");
    assertRefused(List.of(Map.of("venue", "coinbase", "url", "wss://x", "products", List.of("BTC USD"))), "products: BTC USD does not make a symbol");
    assertRefused(List.of(Map.of("venue", "coinbase", "url", "wss://x", "products", List.of("A"), "channels", List.of("book"))),
        "channels: expected some of [matches, ticker, level2]");
    assertRefused(List.of(COINBASE, COINBASE), "feed 2: the name coinbase is taken by another feed");
    assertRefused(List.of(Map.of("venue", "binance", "url", "wss://x", "products", List.of("A"), "channels", List.of("trade", "aggTrade"))),
        "channels: trade or aggTrade, not both");
    assertRefused(List.of(Map.of("venue", "binance", "url", "wss://x", "products", List.of("A"), "snapshotUrl", "ftp://x")),
        "feed 1: snapshotUrl: expected an http:// or https:// URL");
    assertRefused(List.of(Map.of("venue", "binance", "url", "wss://x", "products", List.of("A"), "snapshotUrl", "https://x/?a=1")),
        "snapshotUrl: expected an http:// or https:// URL without query");
    assertRefused(List.of(Map.of("venue", "kraken", "url", "wss://x", "products", List.of("A"), "snapshotUrl", "https://x")),
        "snapshotUrl: kraken takes no REST snapshot");
    assertRefused("[{", "not a JSON list");
  }

  @Test
  void aCoinbaseFeedNamesTheVariablesOfItsCredentialsAndTheDumpShowsOnlyTheirNames() {
    Map<String, Object> signed = new java.util.HashMap<>(COINBASE);
    signed.putAll(Map.of("apiKeyEnv", "CB_KEY", "apiSecretEnv", "CB_SECRET", "apiPassphraseEnv", "CB_PASSPHRASE"));
    TickmeshConfig config = TickmeshConfig.of(Map.of("venues.feeds", List.of(signed)));
    assertThat(config.venues().feeds().get(0).credentials()).isEqualTo(new VenueCredentials("CB_KEY", "CB_SECRET", "CB_PASSPHRASE"));
    assertThat(config.toFlatJson().encode()).contains("\"apiSecretEnv\":\"CB_SECRET\"");
    assertThat(TickmeshConfig.of(Map.of("venues.feeds", List.of(COINBASE))).venues().feeds().get(0).credentials()).isNull();
  }

  @Test
  void credentialsComeAllThreeOrNoneAsVariableNamesAndOnlyForCoinbase() {
    assertRefused(List.of(Map.of("venue", "coinbase", "url", "wss://x", "products", List.of("A"), "apiKeyEnv", "CB_KEY")),
        "config key 'venues.feeds'", "feed 1: apiKeyEnv, apiSecretEnv, apiPassphraseEnv: all three or none, got only apiKeyEnv");
    assertRefused(List.of(Map.of("venue", "coinbase", "url", "wss://x", "products", List.of("A"), "apiKeyEnv", "CB_KEY",
        "apiSecretEnv", "CB SECRET", "apiPassphraseEnv", "CB_PASSPHRASE")), "feed 1: apiSecretEnv: expected the name of an environment variable");
    assertRefused(List.of(Map.of("venue", "kraken", "url", "wss://x", "products", List.of("A"), "apiKeyEnv", "K",
        "apiSecretEnv", "S", "apiPassphraseEnv", "P")), "feed 1: apiKeyEnv: only [coinbase] feeds take API credentials, not kraken");
  }

  @Test
  void theBackoffMayNotShrink() {
    assertThatThrownBy(() -> TickmeshConfig.of(Map.of("venues.reconnectMinMs", 500, "venues.reconnectMaxMs", 100)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("config key 'venues.reconnectMaxMs'");
  }

  private static void assertRefused(Object feeds, String... parts) {
    var thrown = assertThatThrownBy(() -> TickmeshConfig.of(Map.of("venues.feeds", feeds))).isInstanceOf(ConfigException.class);
    for (String part : parts) {
      thrown.hasMessageContaining(part);
    }
  }
}
