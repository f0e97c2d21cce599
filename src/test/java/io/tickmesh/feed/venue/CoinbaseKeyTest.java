package io.tickmesh.feed.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickmesh.config.ConfigException;
import io.tickmesh.config.VenueCredentials;
import io.tickmesh.config.VenueFeed;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signed Coinbase subscribe: the signature against a vector computed outside Java, and credentials read without leaking them. */
class CoinbaseKeyTest {
  /** base64 of the bytes of "tickmesh-test-secret: not a real key!". */
  private static final String SECRET = "dGlja21lc2gtdGVzdC1zZWNyZXQ6IG5vdCBhIHJlYWwga2V5IQ==";
  /**
   * The signature at timestamp 1700000000, computed with python3:
   * base64.b64encode(hmac.new(base64.b64decode(SECRET), b"1700000000GET/users/self/verify", hashlib.sha256).digest()).
   */
  private static final String SIGNATURE_AT_1700000000 = "qIngSFi1DPAcfa6va5nn8VMHJ/jbPmsuanixzZ+lR3k=";
  private static final VenueFeed FEED = new VenueFeed(null, "coinbase", "wss://ws-feed.exchange.coinbase.com", List.of("BTC-USD"),
      List.of("level2"), null, new VenueCredentials("CB_KEY", "CB_SECRET", "CB_PASSPHRASE"));

  @Test
  void theSignatureIsTheVenuesHmacOfTheTimestampAndTheVerifyPath() {
    byte[] secret = Base64.getDecoder().decode(SECRET);
    assertThat(new String(secret, StandardCharsets.US_ASCII)).isEqualTo("tickmesh-test-secret: not a real key!");
    assertThat(CoinbaseKey.signature(secret, "1700000000")).isEqualTo(SIGNATURE_AT_1700000000);
  }

  @Test
  void aSubscribeCarriesTheKeyThePassphraseTheTimestampAsTextAndTheSignature() {
    CoinbaseKey key = CoinbaseKey.fromEnvironment(FEED, Map.of("CB_KEY", "k1", "CB_SECRET", SECRET, "CB_PASSPHRASE", "p1")::get);
    JsonObject signed = key.sign(new JsonObject().put("type", "subscribe"), 1_700_000_000L);
    assertThat(signed.getMap()).containsEntry("type", "subscribe").containsEntry("key", "k1").containsEntry("passphrase", "p1")
        .containsEntry("timestamp", "1700000000").containsEntry("signature", SIGNATURE_AT_1700000000);
    assertThat(key.toString()).doesNotContain("k1", "p1", SECRET);
  }

  @Test
  void eachSubscribeOfTheProtocolIsSignedAfresh() {
    var protocol = VenueProtocols.of(FEED, Map.of("CB_KEY", "k1", "CB_SECRET", SECRET, "CB_PASSPHRASE", "p1")::get);
    long before = System.currentTimeMillis() / 1000;
    JsonObject subscribe = new JsonObject(protocol.subscriptions().get(0));
    long timestamp = Long.parseLong(subscribe.getString("timestamp"));
    assertThat(timestamp).isBetween(before, System.currentTimeMillis() / 1000);
    assertThat(subscribe.getString("signature"))
        .isEqualTo(CoinbaseKey.signature(Base64.getDecoder().decode(SECRET), subscribe.getString("timestamp")));
    assertThat(subscribe.getJsonArray("channels").getList()).containsExactly("level2");
  }

  @Test
  void aFeedWithoutCredentialsSubscribesUnsigned() {
    VenueFeed plain = new VenueFeed(null, "coinbase", "wss://x", List.of("BTC-USD"), null, null);
    assertThat(CoinbaseKey.fromEnvironment(plain, name -> "unused")).isNull();
    JsonObject subscribe = new JsonObject(VenueProtocols.of(plain, name -> null).subscriptions().get(0));
    assertThat(subscribe.fieldNames()).containsExactlyInAnyOrder("type", "product_ids", "channels");
  }

  @Test
  void anUnsetVariableOrASecretNotInBase64FailsNamingTheKeyTheFieldAndTheVariableNotTheValue() {
    assertThatThrownBy(() -> CoinbaseKey.fromEnvironment(FEED, Map.of("CB_KEY", "k1", "CB_SECRET", SECRET)::get))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config key 'venues.feeds': feed coinbase: apiPassphraseEnv: the environment variable CB_PASSPHRASE is not set");
    assertThatThrownBy(() -> CoinbaseKey.fromEnvironment(FEED, Map.of("CB_KEY", " ", "CB_SECRET", SECRET, "CB_PASSPHRASE", "p1")::get))
        .isInstanceOf(ConfigException.class).hasMessageContaining("apiKeyEnv: the environment variable CB_KEY is not set (it is blank)");
    String notBase64 = "s3cr-t!";
    assertThatThrownBy(() -> CoinbaseKey.fromEnvironment(FEED, Map.of("CB_KEY", "k1", "CB_SECRET", notBase64, "CB_PASSPHRASE", "p1")::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("feed coinbase: apiSecretEnv: the environment variable CB_SECRET is not valid base64")
        .message().doesNotContain(notBase64).doesNotContain("character"); // the JDK's own message quotes the bad character
  }
}
