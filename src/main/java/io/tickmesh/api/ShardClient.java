package io.tickmesh.api;

import io.tickmesh.codec.Addresses;
import io.tickmesh.model.ShardQuery;
import io.tickmesh.model.Symbols;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;

/** Asks the shard that owns a symbol, or every shard, by request/reply with a timeout. */
final class ShardClient {
  static final long TIMEOUT_MS = 5_000;

  private final EventBus bus;
  private final int shards;

  ShardClient(EventBus bus, int shards) {
    this.bus = bus;
    this.shards = shards;
  }

  Future<Object> ask(String symbol, ShardQuery query) {
    int shard = Symbols.shardOf(symbol, shards);
    return bus.request(Addresses.shardQuery(shard), query, options()).map(Message::body);
  }

  <T> Future<List<T>> askAll(ShardQuery query) {
    List<Future<Message<T>>> replies = new ArrayList<>();
    for (int n = 0; n < shards; n++) {
      replies.add(bus.request(Addresses.shardQuery(n), query, options()));
    }
    return Future.all(replies).map(v -> {
      List<T> out = new ArrayList<>(shards);
      replies.forEach(r -> out.add(r.result().body()));
      return out;
    });
  }

  static DeliveryOptions options() {
    return new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
  }
}
