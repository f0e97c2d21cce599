package io.tickmesh.api;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.ShardQuery;
import io.tickmesh.obs.JvmMemory;
import io.tickmesh.obs.LatencyHistogram;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gathers the node's counters by asking every feed listener, the simulator and every shard, and adds
 * them up: {@code ticksIn} is counted where lines are read, {@code ticksApplied} where shards apply them,
 * {@code ticksRejected} in both places. Once nothing is in flight, ticksIn = ticksApplied + ticksRejected.
 * A listener's closed feeds with assigned ids come as one aggregate, counted in the totals but not listed.
 * The TCP listeners' connection counts add up into {@code feedConnections}; the WebSocket feed's are
 * {@code feedWebSocketConnections}.
 * The shards' latency histograms add up into {@code tickLatency}, and the feeds' pending ticks per shard
 * into each shard's {@code pendingTicks}. {@code /metrics} is written from this same answer.
 *
 * <p>On a cluster node the shard requests reach each shard's owner wherever it runs, so the shard figures
 * ({@code ticksApplied}, {@code barsClosed}, {@code tickLatency}, {@code shards}) are the cluster's while
 * the feed figures are this node's; {@code scope} says so, and {@link ClusterFigures} adds the
 * {@code cluster} object with the totals over every member.
 */
public final class StatsCollector {
  private static final long TIMEOUT_MS = 5_000;

  private final EventBus bus;
  private final TickmeshConfig config;

  /** A collector for the node configured by {@code config}. */
  public StatsCollector(EventBus bus, TickmeshConfig config) {
    this.bus = bus;
    this.config = config;
  }

  /** The contract's stats JSON; on a cluster node with its {@code scope} and {@code cluster} object. */
  public Future<JsonObject> collect() {
    Future<JsonObject> node = collectNode();
    return config.cluster().enabled()
        ? node.compose(stats -> new ClusterFigures(bus, config).of(stats).map(cluster -> stats
            .put("scope", new JsonObject().put("feeds", "node").put("shards", "cluster")).put("cluster", cluster)))
        : node;
  }

  /**
   * The lines this node's own feeds read and rejected, {@code {"ticksIn","ticksRejected"}}: what a
   * member adds to the cluster totals (shard rejects not included; the shards are counted once, cluster-wide).
   */
  public Future<JsonObject> feedTotals() {
    List<Future<Message<JsonObject>>> feeds = askFeeds(new DeliveryOptions().setSendTimeout(TIMEOUT_MS));
    return Future.all(feeds).map(v -> {
      long ticksIn = 0;
      long rejected = 0;
      for (Future<Message<JsonObject>> reply : feeds) {
        long[] counts = feedCounts(reply.result().body());
        ticksIn += counts[0];
        rejected += counts[1];
      }
      return new JsonObject().put("ticksIn", ticksIn).put("ticksRejected", rejected);
    });
  }

  private List<Future<Message<JsonObject>>> askFeeds(DeliveryOptions options) {
    List<Future<Message<JsonObject>>> feeds = new ArrayList<>();
    for (String listener : Addresses.feedListeners(config.feed().tcpInstances())) {
      feeds.add(bus.request(Addresses.feedStats(listener), new JsonObject(), options));
    }
    if (config.sim().enabled()) {
      feeds.add(bus.request(Addresses.SIM_STATS, new JsonObject(), options));
    }
    if (config.itch().enabled()) {
      feeds.add(bus.request(Addresses.ITCH_STATS, new JsonObject(), options));
    }
    config.venues().feeds().forEach(f -> feeds.add(bus.request(Addresses.venueStats(f.name()), new JsonObject(), options)));
    return feeds;
  }

  private Future<JsonObject> collectNode() {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
    List<Future<Message<JsonObject>>> feeds = askFeeds(options);
    List<Future<Message<JsonObject>>> shards = new ArrayList<>();
    for (int n = 0; n < config.shards().count(); n++) {
      Future<Message<JsonObject>> answer = bus.request(Addresses.shardQuery(n), new ShardQuery.Stats(), options);
      // In a cluster a shard moving between nodes answers nothing for a moment: the others still count.
      shards.add(config.cluster().enabled() ? answer.otherwise((Message<JsonObject>) null) : answer);
    }
    Future<JsonObject> store = config.store().enabled()
        ? bus.<JsonObject>request(Addresses.STORE_STATS, new JsonObject(), options).map(Message::body)
        : Future.succeededFuture(null);
    Future<JsonObject> tcpBridge = bus.<JsonObject>request(Addresses.bridgeStats("tcp"), new JsonObject(), options).map(Message::body);
    Future<JsonObject> sockJs = bus.<JsonObject>request(Addresses.bridgeStats("sockjs"), new JsonObject(), options).map(Message::body);
    Future<JsonObject> http = bus.<JsonObject>request(Addresses.HTTP_STATS, new JsonObject(), options).map(Message::body);
    return Future.all(List.of(Future.all(feeds), Future.all(shards), store, tcpBridge, sockJs, http))
        .map(v -> sum(feeds, shards).put("store", store.result())
            .put("bridges", new JsonObject().put("tcp", tcpBridge.result()).put("sockjs", sockJs.result()))
            .put("http", http.result()));
  }

  private static JsonObject sum(
      List<Future<Message<JsonObject>>> feedReplies, List<Future<Message<JsonObject>>> shardReplies) {
    JsonObject feeds = new JsonObject();
    long ticksIn = 0;
    long rejected = 0;
    long pending = 0;
    long[] pendingByShard = new long[shardReplies.size()];
    JsonObject connections = new JsonObject();
    JsonObject webSocketConnections = new JsonObject();
    for (Future<Message<JsonObject>> reply : feedReplies) {
      JsonObject body = reply.result().body();
      addCounts("ws".equals(body.getString("transport")) ? webSocketConnections : connections, body,
          "connections", "maxConnections", "refused", "idleClosed", "pausedNotReading");
      pending += body.getLong("pendingTicks", 0L);
      addUp(pendingByShard, body.getJsonArray("pendingByShard"));
      for (Map.Entry<String, Object> e : body.getJsonObject("feeds")) {
        feeds.put(e.getKey(), merge(feeds.getJsonObject(e.getKey()), (JsonObject) e.getValue()));
      }
      long[] counts = feedCounts(body);
      ticksIn += counts[0];
      rejected += counts[1];
    }
    JsonObject shards = new JsonObject();
    long applied = 0;
    long barsClosed = 0;
    LatencyHistogram latency = new LatencyHistogram();
    io.vertx.core.json.JsonArray unanswered = new io.vertx.core.json.JsonArray();
    for (int i = 0; i < shardReplies.size(); i++) {
      Message<JsonObject> reply = shardReplies.get(i).result();
      if (reply == null) {
        unanswered.add(i);
        continue;
      }
      JsonObject s = reply.body().copy();
      applied += s.getLong("ticksApplied");
      rejected += s.getLong("ticksRejected");
      barsClosed += s.getLong("barsClosed");
      latency.add((JsonObject) s.remove("latency"));
      int shard = s.getInteger("shard");
      shards.put(String.valueOf(shard), s.put("pendingTicks", pendingByShard[shard]));
    }
    return new JsonObject()
        .put("ticksIn", ticksIn)
        .put("ticksApplied", applied)
        .put("ticksRejected", rejected)
        .put("barsClosed", barsClosed)
        .put("pendingTicks", pending)
        .put("tickLatency", latency.summaryJson())
        .put("feeds", feeds)
        .put("feedConnections", connections)
        .put("feedWebSocketConnections", webSocketConnections)
        .put("shards", shards)
        .put("shardsUnanswered", unanswered)
        .put("jvm", JvmMemory.json());
  }

  /** Lines read and rejected by one listener's feeds, its closed assigned feeds included (counted, not listed). */
  private static long[] feedCounts(JsonObject listener) {
    long[] counts = new long[2];
    for (Map.Entry<String, Object> e : listener.getJsonObject("feeds")) {
      JsonObject f = (JsonObject) e.getValue();
      counts[0] += f.getLong("ticksIn");
      counts[1] += f.getLong("ticksRejected");
    }
    JsonObject forgotten = listener.getJsonObject("forgottenFeeds");
    if (forgotten != null) {
      counts[0] += forgotten.getLong("ticksIn");
      counts[1] += forgotten.getLong("ticksRejected");
    }
    return counts;
  }

  /** Sums the counters of one feed seen by two listeners; lastSeq is the larger, idleMs the smaller. */
  private static JsonObject merge(JsonObject a, JsonObject b) {
    if (a == null) {
      return b.copy();
    }
    JsonObject out = a.copy();
    for (String key : b.fieldNames()) {
      Object v = b.getValue(key);
      if (v instanceof Number n && a.getValue(key) instanceof Number m) {
        long x = m.longValue();
        long y = n.longValue();
        out.put(key, key.equals("lastSeq") ? Math.max(x, y) : key.equals("idleMs") ? Math.min(x, y) : x + y);
      }
    }
    return out;
  }

  /** Adds up the listeners' connections: open, their caps (the node's is the sum), refused past a cap, closed idle. */
  private static void addCounts(JsonObject into, JsonObject listener, String... keys) {
    for (String key : keys) {
      Long n = listener.getLong(key);
      if (n != null) {
        into.put(key, into.getLong(key, 0L) + n);
      }
    }
  }

  private static void addUp(long[] into, JsonArray values) {
    if (values != null) {
      for (int i = 0; i < into.length && i < values.size(); i++) {
        into[i] += values.getLong(i);
      }
    }
  }
}
