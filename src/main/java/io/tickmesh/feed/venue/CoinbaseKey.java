package io.tickmesh.feed.venue;

import io.tickmesh.config.ConfigException;
import io.tickmesh.config.VenueCredentials;
import io.tickmesh.config.VenueFeed;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Coinbase Exchange API key, which signs the subscribes of the channels the venue only serves to an
 * authenticated client ({@code level2}, {@code full}, {@code level3}, {@code user}): the subscribe carries
 * {@code key}, {@code passphrase}, {@code timestamp} (seconds since the epoch) and {@code signature}, the
 * base64 of the HMAC-SHA256 of {@code timestamp + "GET/users/self/verify"} keyed by the base64-decoded
 * secret. Its text form shows none of the three values: no log or message can leak them through it.
 */
public final class CoinbaseKey {
  private static final String SIGNED_PATH = "GET/users/self/verify";
  private final String key;
  private final byte[] secret;
  private final String passphrase;

  /** A key; {@code secret} is the decoded secret (the venue hands it out in base64). */
  public CoinbaseKey(String key, byte[] secret, String passphrase) {
    this.key = key;
    this.secret = secret.clone();
    this.passphrase = passphrase;
  }

  /**
   * The key of {@code feed}, read from the environment variables its credentials name; null if it has none.
   * A variable unset or empty, or a secret not in base64, is a {@link ConfigException} naming the key, the
   * field and the variable, never what the variable holds.
   */
  public static CoinbaseKey fromEnvironment(VenueFeed feed, UnaryOperator<String> environment) {
    VenueCredentials names = feed.credentials();
    if (names == null) {
      return null;
    }
    String secret = variable(feed, "apiSecretEnv", names.secretEnv(), environment);
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(secret.strip());
    } catch (IllegalArgumentException e) {
      // not e's message: it quotes the offending character of the secret
      throw new ConfigException(where(feed, "apiSecretEnv") + "the environment variable " + names.secretEnv()
          + " is not valid base64 (the secret as Coinbase gives it)");
    }
    return new CoinbaseKey(variable(feed, "apiKeyEnv", names.keyEnv(), environment), decoded,
        variable(feed, "apiPassphraseEnv", names.passphraseEnv(), environment));
  }

  private static String variable(VenueFeed feed, String field, String name, UnaryOperator<String> environment) {
    String value = environment.apply(name);
    if (value == null || value.isBlank()) {
      throw new ConfigException(where(feed, field) + "the environment variable " + name + " is not set" + (value == null ? "" : " (it is blank)"));
    }
    return value;
  }

  private static String where(VenueFeed feed, String field) {
    return "config key 'venues.feeds': feed " + feed.name() + ": " + field + ": ";
  }

  /** The signature of a subscribe made at {@code timestamp} (seconds since the epoch, as sent). */
  public static String signature(byte[] secret, String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + SIGNED_PATH).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e); // every JVM must have it
    }
  }

  /** {@code subscribe} signed as of {@code epochSeconds}: the four fields added. */
  public JsonObject sign(JsonObject subscribe, long epochSeconds) {
    String timestamp = Long.toString(epochSeconds);
    return subscribe.put("signature", signature(secret, timestamp)).put("key", key).put("passphrase", passphrase).put("timestamp", timestamp);
  }

  @Override
  public String toString() {
    return "CoinbaseKey[hidden]";
  }
}
