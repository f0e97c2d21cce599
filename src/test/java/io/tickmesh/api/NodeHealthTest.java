package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The health procedures follow the node's and the store's announcements, with the answers of before. */
@ExtendWith(VertxExtension.class)
class NodeHealthTest {
  private static final String STARTING_STORE = "{\"id\":\"store\",\"status\":\"DOWN\",\"state\":\"starting\"}";

  @Test
  void readyOnlyOnceTheNodeIsReadyAndTheStoreWrites(Vertx vertx, VertxTestContext ctx) {
    Promise<Store> store = Promise.promise();
    vertx.runOnContext(v -> {
      NodeHealth health = new NodeHealth(vertx, TickmeshConfig.of(Map.of("store.enabled", true)), store.future());
      health.start(vertx)
          .compose(x -> health.check("ready"))
          .compose(starting -> {
            assertThat(starting).isEqualTo(json("DOWN", "{\"id\":\"node\",\"status\":\"DOWN\",\"state\":\"starting\"}", STARTING_STORE));
            vertx.eventBus().publish(ApiVerticle.NODE_STATE, "ready");
            store.complete(null);
            return after(vertx, () -> health.check("ready"));
          })
          .compose(ready -> {
            assertThat(ready).isEqualTo(json("UP", "{\"id\":\"node\",\"status\":\"UP\",\"state\":\"ready\"}",
                "{\"id\":\"store\",\"status\":\"UP\",\"state\":\"writing\"}"));
            vertx.eventBus().publish(Addresses.STORE_STATE, "down");
            return after(vertx, () -> health.check("ready"));
          })
          .compose(storeDown -> {
            assertThat(storeDown).isEqualTo(json("DOWN", "{\"id\":\"node\",\"status\":\"UP\",\"state\":\"ready\"}",
                "{\"id\":\"store\",\"status\":\"DOWN\",\"state\":\"PostgreSQL unreachable or failing; retrying\"}"));
            return health.check("live");
          })
          .onComplete(ctx.succeeding(live -> {
            assertThat(live).isEqualTo(json("UP", "{\"id\":\"http\",\"status\":\"UP\"}"));
            ctx.completeNow();
          }));
    });
  }

  @Test
  void withoutAStoreOnlyTheNodeCounts(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      NodeHealth health = new NodeHealth(vertx, TickmeshConfig.of(Map.of("store.enabled", false)), Future.succeededFuture());
      health.start(vertx)
          .compose(x -> {
            vertx.eventBus().publish(ApiVerticle.NODE_STATE, "draining");
            return after(vertx, () -> health.check("ready"));
          })
          .onComplete(ctx.succeeding(draining -> {
            assertThat(draining).isEqualTo(json("DOWN", "{\"id\":\"node\",\"status\":\"DOWN\",\"state\":\"draining\"}"));
            ctx.completeNow();
          }));
    });
  }

  /** Runs {@code check} after what was published on this context so far has been delivered. */
  private static Future<JsonObject> after(Vertx vertx, Supplier<Future<JsonObject>> check) {
    Promise<Void> turn = Promise.promise();
    vertx.runOnContext(v -> turn.complete());
    return turn.future().compose(v -> check.get());
  }

  private static JsonObject json(String status, String... checks) {
    return new JsonObject("{\"status\":\"" + status + "\",\"checks\":[" + String.join(",", checks) + "]}");
  }
}
