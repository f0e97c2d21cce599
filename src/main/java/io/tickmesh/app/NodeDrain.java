package io.tickmesh.app;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a graceful stop that must happen in order, each a request with the shutdown timeout:
 * feeds stop reading and drain into the shards; shards take a last checkpoint; the writer writes
 * everything; the feeds then write the acks that made durable before their connections close.
 */
final class NodeDrain {
  private final Vertx vertx;
  private final TickmeshConfig config;
  private final DeliveryOptions wait;

  NodeDrain(Vertx vertx, TickmeshConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.wait = new DeliveryOptions().setSendTimeout(config.node().shutdownTimeoutMs());
  }

  /** Every feed stops its intake; completes once all it read is handled by the shards. */
  Future<Void> feeds() {
    List<Future<Message<Object>>> drains = new ArrayList<>();
    for (int i = 0; i < config.feed().tcpInstances(); i++) {
      drains.add(vertx.eventBus().request(Addresses.tcpFeedDrain(i), new JsonObject(), wait));
    }
    if (config.sim().enabled()) {
      drains.add(vertx.eventBus().request(Addresses.SIM_DRAIN, new JsonObject(), wait));
    }
    return Future.all(drains).mapEmpty();
  }

  /**
   * Last checkpoints, then the writer writes everything queued; the feeds' drain requests are sent once
   * more, so the durable announcements ahead of them are handled (acks written) before we go on.
   */
  Future<Void> checkpointsAndStore() {
    List<Future<Message<Object>>> checkpoints = new ArrayList<>();
    for (int n = 0; n < config.shards().count(); n++) {
      checkpoints.add(vertx.eventBus().request(Addresses.shardCheckpoint(n), new JsonObject(), wait));
    }
    return Future.all(checkpoints)
        .compose(v -> vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject(), wait))
        .compose(v -> feeds());
  }
}
