package io.tickmesh.api;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.ShardQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/cluster}: the members this node sees with each one's HTTP address and readiness,
 * every shard's owner and ownership epoch (asked of the shard itself, so the answer is who serves it now;
 * a shard no node serves at this moment is {@code null}, and {@code unserved} says why its query failed),
 * and whether this node sees a quorum. A single
 * node owns every shard. Each node answers {@code tm.node.<id>.info} and {@code tm.node.<id>.feeds} for the others.
 *
 * <p>Threading: the API verticle's event loop.
 */
final class ClusterRoutes {
  private static final long TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final TickmeshConfig config;
  private final String nodeId;

  ClusterRoutes(Vertx vertx, TickmeshConfig config, String nodeId) {
    this.vertx = vertx;
    this.config = config;
    this.nodeId = nodeId;
  }

  /**
   * Answers the other nodes' questions about this one: {@code {"node","http","ready"}}, filled by
   * {@code info}, and the figures of its own feeds for their cluster totals, from {@code feedTotals}.
   */
  Future<Void> serve(Supplier<JsonObject> info, Supplier<Future<JsonObject>> feedTotals) {
    if (!config.cluster().enabled()) {
      return Future.succeededFuture();
    }
    var infos = vertx.eventBus().<Object>consumer(Addresses.nodeInfo(nodeId), m -> m.reply(info.get()));
    var feeds = vertx.eventBus().<Object>consumer(Addresses.nodeFeedTotals(nodeId), m -> feedTotals.get().onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(ar.result().put("node", nodeId));
      } else {
        m.fail(503, "the feeds of " + nodeId + " did not answer: " + ar.cause().getMessage());
      }
    }));
    return Future.all(infos.completion(), feeds.completion()).mapEmpty();
  }

  /** The cluster as this node sees it. */
  Future<JsonObject> cluster() {
    if (!config.cluster().enabled()) {
      return single();
    }
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
    return vertx.eventBus().<JsonObject>request(Addresses.CLUSTER_OWNERSHIP_STATS, "", options).map(Message::body)
        .compose(state -> {
          JsonArray members = state.getJsonArray("members", new JsonArray());
          List<Future<JsonObject>> infos = new ArrayList<>();
          for (Object m : members) {
            infos.add(vertx.eventBus().<JsonObject>request(Addresses.nodeInfo((String) m), "", options).map(Message::body)
                .otherwise(new JsonObject().put("node", m).put("ready", false).put("error", "no answer")));
          }
          List<Future<JsonObject>> owners = new ArrayList<>();
          for (int s = 0; s < config.shards().count(); s++) {
            owners.add(vertx.eventBus().<JsonObject>request(Addresses.shardQuery(s), new ShardQuery.Owner(), options)
                .map(Message::body).otherwise(e -> new JsonObject().put("error", e.getMessage())));
          }
          return Future.join(List.of(Future.join(infos), Future.join(owners))).map(v -> answer(state, infos, owners));
        });
  }

  private JsonObject answer(JsonObject state, List<Future<JsonObject>> infos, List<Future<JsonObject>> owners) {
    JsonObject shards = new JsonObject();
    JsonObject epochs = new JsonObject();
    JsonObject unserved = new JsonObject();
    for (int s = 0; s < owners.size(); s++) {
      JsonObject o = owners.get(s).result();
      shards.put(String.valueOf(s), o.getString("node"));
      epochs.put(String.valueOf(s), o.getLong("epoch"));
      if (o.containsKey("error")) {
        unserved.put(String.valueOf(s), o.getString("error")); // why nobody answered: no handler, or a timeout
      }
    }
    JsonArray nodes = new JsonArray();
    infos.forEach(f -> nodes.add(f.result()));
    return new JsonObject()
        .put("self", nodeId)
        .put("members", state.getJsonArray("members"))
        .put("quorum", state.getBoolean("quorum"))
        .put("expectedSize", config.cluster().expectedSize())
        .put("nodes", nodes)
        .put("shards", shards)
        .put("epochs", epochs)
        .put("unserved", unserved)
        .put("owned", state.getJsonArray("owned"))
        .put("claims", state.getLong("claims"))
        .put("moves", state.getLong("moves"))
        .put("fenced", state.getLong("fenced"))
        .put("stalls", state.getLong("stalls"))
        .put("recentClaims", state.getJsonArray("recentClaims"));
  }

  private Future<JsonObject> single() {
    JsonObject shards = new JsonObject();
    for (int n = 0; n < config.shards().count(); n++) {
      shards.put(String.valueOf(n), nodeId);
    }
    return Future.succeededFuture(new JsonObject()
        .put("self", nodeId)
        .put("members", new JsonArray().add(nodeId))
        .put("shards", shards)
        .put("quorum", true));
  }
}
