package io.tickmesh.api;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Liveness and readiness as vertx-health-check procedures: {@code live/http} (this API answers),
 * {@code ready/node} (started, not draining) and, with a store, {@code ready/store} (PostgreSQL open and
 * writing). A group's status is {@code {"status":"UP","checks":[…]}}, or status DOWN when a check fails;
 * each check is {@code {"id","status","state"}}.
 *
 * <p>Consumes {@code tm.node.state} and {@code tm.store.state}. Threading: created and used on the API
 * verticle's context; the procedures run there too (vertx-health-check calls them on the caller's thread).
 */
final class NodeHealth {
  private final Future<Store> store;
  private final HealthChecks checks;
  private String state = "starting";
  private boolean storeUp = true;
  private final boolean storeChecked;
  private final boolean clusterChecked;
  private JsonObject clusterState = new JsonObject().put("quorum", false).put("owned", new JsonArray());

  NodeHealth(Vertx vertx, TickmeshConfig config, Future<Store> store) {
    this.store = store;
    this.checks = HealthChecks.create(vertx)
        .register("live/http", p -> p.complete(Status.OK()))
        .register("ready/node", this::node);
    this.storeChecked = config.store().enabled();
    this.clusterChecked = config.cluster().enabled();
    if (storeChecked) {
      var unused = checks.register("ready/store", this::store);
    }
    if (clusterChecked) {
      var unused = checks.register("ready/cluster", this::cluster);
    }
  }

  /** Follows the node's and the store's announcements; completes once both consumers are registered. */
  Future<Void> start(Vertx vertx) {
    var states = vertx.eventBus().<String>localConsumer(ApiVerticle.NODE_STATE, m -> state = m.body());
    var storeStates = vertx.eventBus().<String>localConsumer(Addresses.STORE_STATE, m -> storeUp = m.body().equals("up"));
    var clusterStates = vertx.eventBus().<JsonObject>localConsumer(Addresses.CLUSTER_STATE, m -> clusterState = m.body());
    return Future.all(states.completion(), storeStates.completion(), clusterStates.completion()).mapEmpty();
  }

  /** Runs the procedures of {@code group} ("live" or "ready"): {@code {"status":"UP"|"DOWN","checks":[…]}}. */
  Future<JsonObject> check(String group) {
    return checks.checkStatus(group).map(result -> new JsonObject()
        .put("status", CheckResult.isUp(result) ? "UP" : "DOWN")
        .put("checks", checksOf(result)));
  }

  /** What {@code /health/ready} would say now, without running the procedures: started, store up, quorum. */
  boolean isReady() {
    return state.equals("ready")
        && (!storeChecked || (store.succeeded() && storeUp))
        && (!clusterChecked || clusterState.getBoolean("quorum", false));
  }

  private void node(Promise<Status> promise) {
    JsonObject data = new JsonObject().put("state", state);
    promise.complete(state.equals("ready") ? Status.OK(data) : Status.KO(data));
  }

  /** A cluster node is ready while it sees a quorum of the configured members (it owns its shards then). */
  private void cluster(Promise<Status> promise) {
    boolean quorum = clusterState.getBoolean("quorum", false);
    JsonObject data = new JsonObject().put("state", quorum ? "quorum" : "no quorum: this node owns no shard and takes no ticks")
        .put("members", clusterState.getJsonArray("members", new JsonArray()))
        .put("owned", clusterState.getJsonArray("owned", new JsonArray()).size());
    promise.complete(quorum ? Status.OK(data) : Status.KO(data));
  }

  private void store(Promise<Status> promise) {
    boolean up = store.succeeded() && storeUp;
    String detail = !store.isComplete() ? "starting" : storeUp ? "writing" : "PostgreSQL unreachable or failing; retrying";
    JsonObject data = new JsonObject().put("state", detail);
    promise.complete(up ? Status.OK(data) : Status.KO(data));
  }

  /** Each check as {@code {"id","status", ...its data}}, sorted by id. */
  private static JsonArray checksOf(CheckResult group) {
    List<CheckResult> children = new ArrayList<>(group.getChecks() == null ? List.of() : group.getChecks());
    children.sort(Comparator.comparing(CheckResult::getId));
    JsonArray out = new JsonArray();
    for (CheckResult check : children) {
      JsonObject json = new JsonObject().put("id", check.getId()).put("status", CheckResult.isUp(check) ? "UP" : "DOWN");
      out.add(check.getData() == null ? json : json.mergeIn(check.getData()));
    }
    return out;
  }
}
