package io.tickmesh.config;

import static io.tickmesh.config.ConfigKeys.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns layers of raw values into a checked {@link TickmeshConfig}: starts from the defaults of
 * {@link ConfigKeys}, converts and checks every value of every layer (an invalid value fails even if a
 * later layer overrides it), lets later layers win, then checks the rules between keys. Pure code: no
 * files, no Vert.x; {@link ConfigLoader} reads the layers, {@link TickmeshConfig#of} uses one.
 */
public final class ConfigValidator {
  /** Origin of the values nobody set. */
  static final String DEFAULT_ORIGIN = "default";

  private ConfigValidator() {}

  /**
   * The defaults overridden by flat {@code key -> value} pairs, values typed or text, all given in
   * {@code origin} (used in messages). Throws {@link ConfigException} for an unknown key or a bad value.
   */
  public static TickmeshConfig validate(Map<String, ?> values, String origin) {
    return resolve(List.of(ConfigLayer.fromValues(values, origin)));
  }

  /** The configuration the {@code layers} give, later layers winning. */
  static TickmeshConfig resolve(List<ConfigLayer> layers) {
    Map<ConfigKey<?>, Setting> settings = new HashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      settings.put(key, new Setting(key.defaultValue(), DEFAULT_ORIGIN));
    }
    for (ConfigLayer layer : layers) {
      for (ConfigLayer.Entry entry : layer.entries()) {
        Object value = entry.key().read(entry.raw(), entry.origin());
        settings.put(entry.key(), new Setting(value, entry.origin()));
      }
    }
    Resolved resolved = new Resolved(settings);
    checkPendingTicks(resolved);
    checkReconnect(resolved);
    return build(resolved);
  }

  private static void checkPendingTicks(Resolved r) {
    Setting pending = r.settings().get(FEED_MAX_PENDING_TICKS);
    Setting batch = r.settings().get(FEED_BATCH_SIZE);
    if (r.get(FEED_MAX_PENDING_TICKS) < r.get(FEED_BATCH_SIZE)) {
      throw new ConfigException("config key '" + FEED_MAX_PENDING_TICKS.name() + "' (" + pending.origin()
          + "): expected at least " + FEED_BATCH_SIZE.name() + " (" + batch.value() + " from "
          + batch.origin() + "), got " + pending.value());
    }
  }

  private static void checkReconnect(Resolved r) {
    if (r.get(VENUES_RECONNECT_MAX_MS) < r.get(VENUES_RECONNECT_MIN_MS)) {
      throw new ConfigException("config key '" + VENUES_RECONNECT_MAX_MS.name() + "' ("
          + r.settings().get(VENUES_RECONNECT_MAX_MS).origin() + "): expected at least " + VENUES_RECONNECT_MIN_MS.name()
          + " (" + r.get(VENUES_RECONNECT_MIN_MS) + "), got " + r.get(VENUES_RECONNECT_MAX_MS));
    }
  }

  private static TickmeshConfig build(Resolved r) {
    return new TickmeshConfig(
        new TickmeshConfig.Node(
            r.get(NODE_ID), r.get(NODE_HOST), r.get(NODE_PORTS_FILE), r.get(NODE_SHUTDOWN_TIMEOUT_MS),
            r.get(NODE_NATIVE_TRANSPORT), r.get(NODE_EVENT_LOOPS)),
        new TickmeshConfig.Http(r.get(HTTP_PORT), r.get(HTTP_MAX_CONNECTIONS), r.get(HTTP_IDLE_TIMEOUT_MS),
            r.get(HTTP_MAX_ANSWER_BYTES)),
        new TickmeshConfig.Feed(r.get(FEED_TCP_PORT), r.get(FEED_TCP_INSTANCES), r.get(FEED_MAX_LINE_BYTES),
            r.get(FEED_BATCH_SIZE), r.get(FEED_MAX_PENDING_TICKS), r.get(FEED_BATCH_TIMEOUT_MS),
            r.get(FEED_MAX_CLOCK_SKEW_MS), r.get(FEED_MAX_CONNECTIONS), r.get(FEED_IDLE_TIMEOUT_MS),
            r.get(FEED_MAX_SEQ_JUMP), r.get(FEED_REQUIRE_KNOWN_INSTRUMENT)),
        new TickmeshConfig.Bridge(r.get(BRIDGE_TCP_PORT), r.get(BRIDGE_MAX_QUEUE_BYTES),
            r.get(BRIDGE_CONFLATE_BYTES), r.get(BRIDGE_MAX_SUBSCRIPTIONS), r.get(BRIDGE_MAX_CONNECTIONS),
            r.get(BRIDGE_IDLE_TIMEOUT_MS), r.get(BRIDGE_MAX_FRAME_BYTES), r.get(BRIDGE_MAX_TOTAL_QUEUE_BYTES)),
        new TickmeshConfig.Db(r.get(DB_URL), r.get(DB_DATA_DIR), r.get(DB_POOL_SIZE), r.get(DB_QUERY_POOL_SIZE),
            r.get(DB_QUERY_QUEUE_SIZE), r.get(DB_QUERY_TIMEOUT_MS)),
        new TickmeshConfig.Store(r.get(STORE_ENABLED), r.get(STORE_TRADES), r.get(STORE_CHECKPOINT_MS),
            r.get(STORE_BATCH_ROWS), r.get(STORE_FLUSH_MS), r.get(STORE_MAX_QUEUED_ROWS)),
        new TickmeshConfig.Sim(
            r.get(SIM_ENABLED), r.get(SIM_SYMBOLS), r.get(SIM_RATE_PER_SEC), r.get(SIM_SEED)),
        new TickmeshConfig.Shards(r.get(SHARDS_COUNT)),
        new TickmeshConfig.Bars(r.get(BARS_INTERVALS), r.get(BARS_ALLOWED_LATENESS_MS), r.get(BARS_GRACE_MS),
            r.get(BARS_RETAIN)),
        new TickmeshConfig.Publish(r.get(PUBLISH_QUOTE_INTERVAL_MS), r.get(PUBLISH_TRADES)),
        new TickmeshConfig.Cluster(
            r.get(CLUSTER_ENABLED), r.get(CLUSTER_EXPECTED_SIZE), r.get(CLUSTER_CONFIG), r.get(CLUSTER_NAME)),
        new TickmeshConfig.Rejects(r.get(REJECTS_RETAIN)),
        new TickmeshConfig.Itch(r.get(ITCH_FILE), r.get(ITCH_SOUP), r.get(ITCH_SOUP_USER), r.get(ITCH_SOUP_PASSWORD), r.get(ITCH_SESSION), r.get(ITCH_DATE), r.get(ITCH_TIME_ZONE),
            r.get(ITCH_RATE_PER_SEC), r.get(ITCH_BOOK_DEPTH)),
        new TickmeshConfig.Venues(r.get(VENUES_FEEDS), r.get(VENUES_MAX_MESSAGE_BYTES), r.get(VENUES_RECONNECT_MIN_MS),
            r.get(VENUES_RECONNECT_MAX_MS), r.get(VENUES_PING_MS), r.get(VENUES_IDLE_TIMEOUT_MS), r.get(VENUES_BOOK_DEPTH)));
  }

  /** A checked value and where it was given. */
  private record Setting(Object value, String origin) {}

  /** Every key's winning setting. */
  private record Resolved(Map<ConfigKey<?>, Setting> settings) {
    /** The value of {@code key}: {@link ConfigKey#read} made it a {@code T}. */
    @SuppressWarnings("unchecked")
    <T> T get(ConfigKey<T> key) {
      return (T) settings.get(key).value();
    }
  }
}
