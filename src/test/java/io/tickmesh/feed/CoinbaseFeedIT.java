package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickmesh.config.ConfigException;
import io.tickmesh.feed.venue.CoinbaseReference;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.VenueReplayServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, acceptance 1 to 3 for Coinbase: the capture's frames replayed by a real WebSocket server
 * ({@link VenueReplayServer}) to a node configured with a {@code coinbase} feed. Each trade is applied
 * once, the 1-second and 1-minute bars and the books equal {@link CoinbaseReference}'s, also when the
 * server drops the connection three times mid-capture (skipping frames meanwhile, as a venue does: the
 * feed reconnects, resubscribes, resyncs its books from the fresh snapshots and reports the trade ids it
 * missed); bad frames are rejects with their reasons and the node stays ready. Bars close by event time
 * only ({@code bars.graceMs} an hour): the capture is from 2021, and the open bars are compared too.
 */
class CoinbaseFeedIT {
  @Test
  void theCaptureGivesTheReferenceTradesBarsAndBooks() throws Exception {
    List<String> frames = CoinbaseReference.received();
    CoinbaseReference ref = new CoinbaseReference();
    frames.forEach(ref::apply);
    try (VenueReplayServer server = VenueReplayServer.start(List.of(frames));
        InProcessNode node = InProcessNode.start(settings(server))) {
      JsonObject feed = awaitFeed(node.http(), frames.size(), ref);
      assertThat(feed.getLong("ticksRejected")).isZero();
      assertThat(feed.getLong("gaps")).isZero();
      assertAsReference(node.http(), ref);
      assertThat(server.subscribes()).hasSize(1);
      assertThat(new JsonObject(server.subscribes().get(0)).getJsonArray("channels").getList())
          .containsExactly("matches", "ticker", "level2");
    }
  }

  @Test
  void threeDropsMidCaptureLoseOnlyWhatTheVenueCannotGiveBackAndCountNothingTwice() throws Exception {
    List<String> frames = CoinbaseReference.received();
    CoinbaseReference venue = new CoinbaseReference();
    CoinbaseReference delivered = new CoinbaseReference();
    // the cuts come before a match, which the node misses with the 199 frames after it
    List<List<String>> sessions = VenueFeedChecks.threeDrops(frames, f -> f.startsWith("{\"type\":\"match\""), venue::apply,
        venue::onSubscribe, delivered::apply);
    long[] gaps = delivered.gaps();
    assertThat(gaps[0]).as("the cuts skip trades").isPositive();
    try (VenueReplayServer server = VenueReplayServer.start(sessions);
        InProcessNode node = InProcessNode.start(settings(server))) {
      long messages = sessions.stream().mapToLong(List::size).sum();
      JsonObject feed = awaitFeed(node.http(), messages, delivered);
      assertThat(server.subscribes()).hasSize(4);
      assertThat(feed.getLong("connects")).isEqualTo(4);
      assertThat(feed.getLong("disconnects")).isEqualTo(3);
      assertThat(feed.getLong("gaps")).isEqualTo(gaps[0]);
      assertThat(feed.getLong("missing")).isEqualTo(gaps[1]);
      assertThat(feed.getLong("bookResyncs")).isEqualTo(3L * CoinbaseReference.products().size());
      assertThat(feed.getLong("booksSynced")).isEqualTo(CoinbaseReference.products().size());
      assertThat(feed.getLong("duplicates")).as("last matches and tickers sent again").isPositive();
      assertThat(feed.getLong("ticksRejected")).isZero();
      assertAsReference(node.http(), delivered);
    }
  }

  @Test
  void badFramesAreRejectsWithTheirReasonsAndTheRestGoesOn() throws Exception {
    List<String> frames = CoinbaseReference.received();
    String firstMatch = frames.stream().filter(f -> f.startsWith("{\"type\":\"match\"")).findFirst().orElseThrow();
    int at = frames.indexOf(firstMatch) + 1;
    List<String> before = new ArrayList<>(frames.subList(0, at));
    before.addAll(List.of("garbage{{", "{\"type\":\"match\",\"trade_id\":", firstMatch, // an old trade again: out of order
        "{\"type\":\"shout\"}", "{\"type\":\"match\",\"product_id\":\"ETH-USD\"}",
        "{\"type\":\"match\",\"product_id\":\"SKL-USD\",\"trade_id\":1,\"price\":\"-1\",\"size\":\"1\",\"time\":\"2021-04-17T16:43:30Z\"}",
        "x".repeat(10 * 1024 * 1024)));
    CoinbaseReference ref = new CoinbaseReference();
    frames.subList(0, at).forEach(ref::apply);
    List<String> after = new ArrayList<>(ref.onSubscribe());
    after.addAll(frames.subList(at, frames.size()));
    after.forEach(ref::apply);
    try (VenueReplayServer server = VenueReplayServer.start(List.of(before, after));
        InProcessNode node = InProcessNode.start(settings(server))) {
      Http http = node.http();
      JsonObject feed = awaitFeed(http, before.size() - 1 + after.size(), ref);
      JsonObject problems = feed.getJsonObject("problems");
      JsonArray rejects = http.get("/api/v1/rejects?feed=coinbase&limit=100").array();
      assertThat(problems.getMap()).as(rejects.encodePrettily()).containsOnlyKeys("not_json", "out_of_order", "unknown_type",
          "unknown_product", "bad_message", "too_long");
      assertThat(problems.getLong("not_json")).isEqualTo(2);
      assertThat(problems.getLong("out_of_order")).isEqualTo(1);
      assertThat(problems.getLong("unknown_type")).isEqualTo(1);
      assertThat(problems.getLong("unknown_product")).isEqualTo(1);
      assertThat(problems.getLong("bad_message")).as(rejects.encodePrettily()).isEqualTo(1);
      assertThat(problems.getLong("too_long")).isEqualTo(1);
      assertThat(feed.getLong("ticksRejected")).isEqualTo(7);
      assertThat(rejects.stream().map(r -> ((JsonObject) r).getString("reason")).toList())
          .anyMatch(r -> r.contains("not JSON")).anyMatch(r -> r.contains("too long: longer than venues.maxMessageBytes"))
          .anyMatch(r -> r.contains("price: expected a positive decimal"));
      assertThat(http.get("/health/ready").status()).isEqualTo(200);
      assertAsReference(http, ref);
    }
  }

  @Test
  void withCredentialsEachSubscribeIsSignedAndTheStatsShowNothingOfTheSecrets() throws Exception {
    List<String> frames = CoinbaseReference.received();
    CoinbaseReference ref = new CoinbaseReference();
    frames.forEach(ref::apply);
    String secret = "Y2JhdXRoLWl0LXNlY3JldDogbm90IGEgcmVhbCBrZXkh"; // base64 of "cbauth-it-secret: not a real key!"
    Map<String, String> environment = Map.of("IT_CB_KEY", "it-key-4f1c", "IT_CB_SECRET", secret, "IT_CB_PASSPHRASE", "it-pass-9d2e");
    Map<String, Object> feed = new HashMap<>(Map.of("venue", "coinbase", "url", "", "products", CoinbaseReference.products(),
        "apiKeyEnv", "IT_CB_KEY", "apiSecretEnv", "IT_CB_SECRET", "apiPassphraseEnv", "IT_CB_PASSPHRASE"));
    try (VenueReplayServer server = VenueReplayServer.start(List.of(frames))) {
      feed.put("url", server.url());
      long before = System.currentTimeMillis() / 1000;
      try (InProcessNode node = InProcessNode.start(VenueFeedChecks.settings(feed), environment::get)) {
        JsonObject stats = awaitFeed(node.http(), frames.size(), ref);
        assertThat(stats.getLong("ticksRejected")).isZero();
        assertThat(server.subscribes()).hasSize(1);
        JsonObject subscribe = new JsonObject(server.subscribes().get(0));
        assertThat(subscribe.getString("key")).isEqualTo("it-key-4f1c");
        assertThat(subscribe.getString("passphrase")).isEqualTo("it-pass-9d2e");
        assertThat(Long.parseLong(subscribe.getString("timestamp"))).isBetween(before, System.currentTimeMillis() / 1000);
        assertThat(subscribe.getString("signature")).as("the venue's check, redone here")
            .isEqualTo(hmacSha256Base64(Base64.getDecoder().decode(secret), subscribe.getString("timestamp") + "GET/users/self/verify"));
        String all = node.http().get("/api/v1/stats").body();
        assertThat(all).contains("\"coinbase\"").doesNotContain(secret).doesNotContain(secret.substring(0, 12))
            .doesNotContain("cbauth-it-secret").doesNotContain("it-key-4f1c").doesNotContain("it-pass-9d2e")
            .doesNotContain(subscribe.getString("signature"));
      }
    }
  }

  @Test
  void anUnsetCredentialVariableFailsTheStartNamingTheKeyAndTheVariable() {
    Map<String, Object> feed = Map.of("venue", "coinbase", "url", "ws://127.0.0.1:9/", "products", List.of("BTC-USD"),
        "apiKeyEnv", "IT_CB_KEY", "apiSecretEnv", "IT_CB_SECRET", "apiPassphraseEnv", "IT_CB_PASSPHRASE");
    Map<String, String> environment = Map.of("IT_CB_KEY", "it-key-4f1c", "IT_CB_PASSPHRASE", "it-pass-9d2e");
    assertThatThrownBy(() -> InProcessNode.start(VenueFeedChecks.settings(feed), environment::get).close())
        .isInstanceOf(ConfigException.class).hasMessageContaining("config key 'venues.feeds': feed coinbase: apiSecretEnv: the environment variable IT_CB_SECRET is not set")
        .message().doesNotContain("it-key-4f1c").doesNotContain("it-pass-9d2e");
  }

  /** HMAC-SHA256 in base64, written here apart from the node's own code. */
  private static String hmacSha256Base64(byte[] key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, Object> settings(VenueReplayServer server) {
    return VenueFeedChecks.settings(Map.of("venue", "coinbase", "url", server.url(), "products", CoinbaseReference.products()));
  }

  private static JsonObject awaitFeed(Http http, long messages, CoinbaseReference ref) throws Exception {
    return VenueFeedChecks.awaitFeed(http, "coinbase", messages, 0, ref.allTrades().size(), ref.tickerCount());
  }

  private static void assertAsReference(Http http, CoinbaseReference ref) throws Exception {
    VenueFeedChecks.assertBars(http, ref.trades.keySet(), ref.allTrades());
    for (String product : CoinbaseReference.products()) {
      var book = VenueFeedChecks.book(http, "coinbase:" + product);
      assertThat(book.get(0)).as(product + " bids").isEqualTo(ref.book(product, true, 1000));
      assertThat(book.get(1)).as(product + " asks").isEqualTo(ref.book(product, false, 1000));
    }
  }
}
