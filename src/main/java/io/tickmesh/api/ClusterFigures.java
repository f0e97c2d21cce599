package io.tickmesh.api;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cluster} object of {@code /api/v1/stats} on a cluster node: the members, quorum and this
 * node's ownership (shards owned, claims, hand-overs, fenced and stalled shards, how long recent claims
 * took to serve), and the totals over the whole cluster. Lines are counted where they are read, so
 * {@code ticksIn} adds up every member's own feeds (asked at {@code tm.node.<id>.feeds}); the shards are
 * counted once wherever they run, so {@code ticksApplied} is the node's own shard sum, and
 * {@code ticksRejected} is every member's feed rejects plus the shards' rejects. A member that does not
 * answer in time is {@code null} under {@code nodes} and {@code complete} is false.
 *
 * <p>Threading: the caller's context; every step is a request with a timeout.
 */
final class ClusterFigures {
  private static final long TIMEOUT_MS = 2_000;

  private final EventBus bus;
  private final TickmeshConfig config;

  ClusterFigures(EventBus bus, TickmeshConfig config) {
    this.bus = bus;
    this.config = config;
  }

  /** The cluster object, given this node's own stats (whose shard figures are the cluster's already). */
  Future<JsonObject> of(JsonObject nodeStats) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
    return bus.<JsonObject>request(Addresses.CLUSTER_OWNERSHIP_STATS, "", options).map(Message::body).compose(state -> {
      JsonArray members = state.getJsonArray("members", new JsonArray());
      List<Future<JsonObject>> feeds = new ArrayList<>();
      for (Object m : members) {
        feeds.add(bus.<JsonObject>request(Addresses.nodeFeedTotals((String) m), "", options).map(Message::body)
            .otherwise((JsonObject) null));
      }
      return Future.join(feeds).map(v -> figures(state, members, feeds, nodeStats));
    });
  }

  private JsonObject figures(JsonObject state, JsonArray members, List<Future<JsonObject>> feeds, JsonObject nodeStats) {
    JsonObject nodes = new JsonObject();
    long ticksIn = 0;
    long rejected = shardRejects(nodeStats.getJsonObject("shards"));
    boolean complete = true;
    for (int i = 0; i < members.size(); i++) {
      JsonObject f = feeds.get(i).result();
      nodes.put(members.getString(i), f);
      if (f == null) {
        complete = false;
      } else {
        ticksIn += f.getLong("ticksIn");
        rejected += f.getLong("ticksRejected");
      }
    }
    return new JsonObject()
        .put("self", state.getString("self"))
        .put("members", members)
        .put("quorum", state.getBoolean("quorum"))
        .put("expectedSize", config.cluster().expectedSize())
        .put("shardsOwned", state.getJsonArray("owned", new JsonArray()).size())
        .put("claims", state.getLong("claims"))
        .put("moves", state.getLong("moves"))
        .put("fenced", state.getLong("fenced"))
        .put("stalls", state.getLong("stalls"))
        .put("claimMs", claimMs(state.getJsonArray("recentClaims", new JsonArray())))
        .put("ticksIn", ticksIn)
        .put("ticksApplied", nodeStats.getLong("ticksApplied"))
        .put("ticksRejected", rejected)
        .put("nodes", nodes)
        .put("complete", complete);
  }

  private static long shardRejects(JsonObject shards) {
    long rejected = 0;
    for (String shard : shards.fieldNames()) {
      rejected += shards.getJsonObject(shard).getLong("ticksRejected", 0L);
    }
    return rejected;
  }

  /** From "mine now" to serving, over this node's recent claims (the ownership keeps the last 128). */
  private static JsonObject claimMs(JsonArray recent) {
    long max = 0;
    for (Object c : recent) {
      max = Math.max(max, ((JsonObject) c).getLong("ms"));
    }
    return new JsonObject()
        .put("recent", recent.size())
        .put("last", recent.isEmpty() ? null : recent.getJsonObject(recent.size() - 1).getLong("ms"))
        .put("max", recent.isEmpty() ? null : max);
  }
}
