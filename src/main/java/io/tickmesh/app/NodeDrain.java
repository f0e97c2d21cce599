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
 * The steps of a graceful stop that must happen in order, each a request bounded by what is left of
 * {@code node.shutdownTimeoutMs}: feeds stop reading and drain into the shards; shards take a last
 * checkpoint; the writer writes everything (announcing those checkpoints durable, which lets the feeds
 * acknowledge what they cover); the feeds write their last acks and close their connections; the writer
 * writes the feed positions of those acks.
 */
final class NodeDrain {
  private final Vertx vertx;
  private final TickmeshConfig config;
  private final long deadlineNanos;

  NodeDrain(Vertx vertx, TickmeshConfig config) {
    this.vertx = vertx;
    this.config = config;
    long timeoutMs = config.node().shutdownTimeoutMs();
    long reserveMs = Math.min(2_000, timeoutMs / 4); // undeploying and stopping the store come after these steps
    this.deadlineNanos = System.nanoTime() + (timeoutMs - reserveMs) * 1_000_000;
  }

  /** Every feed stops its intake; completes once all it read is handled by the shards. */
  Future<Void> feeds() {
    List<Future<Message<Object>>> drains = new ArrayList<>();
    for (String listener : Addresses.feedListeners(config.feed().tcpInstances())) {
      drains.add(vertx.eventBus().request(Addresses.feedDrain(listener), new JsonObject(), bounded()));
    }
    if (config.sim().enabled()) {
      drains.add(vertx.eventBus().request(Addresses.SIM_DRAIN, new JsonObject(), bounded()));
    }
    if (config.itch().enabled()) {
      drains.add(vertx.eventBus().request(Addresses.ITCH_DRAIN, new JsonObject(), bounded()));
    }
    config.venues().feeds().forEach(f -> drains.add(vertx.eventBus().request(Addresses.venueDrain(f.name()), new JsonObject(), bounded())));
    return Future.all(drains).mapEmpty();
  }

  /** Last checkpoints, then the writer writes everything queued and announces them durable. */
  Future<Void> checkpointsAndStore() {
    List<Future<Message<Object>>> checkpoints = new ArrayList<>();
    for (int n = 0; n < config.shards().count(); n++) {
      checkpoints.add(vertx.eventBus().request(Addresses.shardCheckpoint(n), new JsonObject(), bounded()));
    }
    return Future.all(checkpoints).compose(v -> store());
  }

  /**
   * A cluster node's shards are handed over: each takes a last checkpoint, made durable, and is released
   * for its next owner; then the writer writes everything queued.
   */
  Future<Void> handOverShards() {
    return vertx.eventBus().request(Addresses.CLUSTER_RELEASE_ALL, new JsonObject(), bounded()).compose(v -> store());
  }

  /** The writer writes everything queued before this request. */
  Future<Void> store() {
    return vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject(), bounded()).mapEmpty();
  }

  /**
   * Every feed listener (TCP and WebSocket) writes its last acks, closes its connections and hands over
   * the feed positions.
   */
  Future<Void> closeFeeds() {
    List<Future<Message<Object>>> closes = new ArrayList<>();
    for (String listener : Addresses.feedListeners(config.feed().tcpInstances())) {
      // The listener must answer before our request times out: it gets a little less time.
      long withinMs = Math.max(1, leftMs() - 200);
      closes.add(vertx.eventBus().request(Addresses.feedClose(listener), new JsonObject().put("withinMs", withinMs), bounded()));
    }
    return Future.all(closes).mapEmpty();
  }

  private long leftMs() {
    return Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }

  private DeliveryOptions bounded() {
    return new DeliveryOptions().setSendTimeout(leftMs());
  }
}
