package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.ShardOutputs;
import io.tickmesh.model.Symbols;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Sends a book's depth out on {@code book.<SYM>}, for every feed that keeps books (ITCH, the venues). In a
 * cluster each publication also goes to the node's relay, which carries it to the nodes whose bridge
 * clients want that symbol's shard.
 *
 * <p>Threading: owned by one feed verticle; used on its event loop.
 */
final class BookPublisher {
  private final Vertx vertx;
  private final int shards;
  private final boolean relay;
  private long published;
  /** As {@code ShardPublisher}'s: a clustered publish would ask Hazelcast for each address first. */
  private final DeliveryOptions localOnly = new DeliveryOptions().setLocalOnly(true);

  BookPublisher(Vertx vertx, TickmeshConfig config) {
    this.vertx = vertx;
    this.shards = config.shards().count();
    this.relay = config.cluster().enabled();
  }

  /** Publishes {@code body}, the depth of {@code symbol}'s book. */
  void publish(String symbol, JsonObject body) {
    String address = Addresses.book(symbol);
    vertx.eventBus().publish(address, body, localOnly); // other nodes get it from the relay, as a shard's outputs
    if (relay) {
      var outputs = new ShardOutputs(Symbols.shardOf(symbol, shards), List.of(new ShardOutputs.Output(address, body)));
      vertx.eventBus().send(Addresses.RELAY_OUTPUTS, outputs);
    }
    published++;
  }

  /** Books published since start. */
  long published() {
    return published;
  }
}
