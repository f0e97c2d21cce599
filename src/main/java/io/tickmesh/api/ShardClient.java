package io.tickmesh.api;

import io.tickmesh.codec.Addresses;
import io.tickmesh.model.ShardQuery;
import io.tickmesh.model.Symbols;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the shard that owns a symbol, or every shard, by request/reply with a timeout. A query only reads:
 * one that is not answered within half the timeout is asked once more, within the same budget, since
 * the first may have gone to a dead node by a stale route of the clustered event bus (NOTES-cluster
 * §3.6: the next request takes the next route), or to a node that died meanwhile.
 */
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
    return this.<Object>request(shard, query).map(Message::body);
  }

  <T> Future<List<T>> askAll(ShardQuery query) {
    List<Future<Message<T>>> replies = new ArrayList<>();
    for (int n = 0; n < shards; n++) {
      replies.add(request(n, query));
    }
    return Future.all(replies).map(v -> {
      List<T> out = new ArrayList<>(shards);
      replies.forEach(r -> out.add(r.result().body()));
      return out;
    });
  }

  private <T> Future<Message<T>> request(int shard, ShardQuery query) {
    DeliveryOptions half = new DeliveryOptions().setSendTimeout(TIMEOUT_MS / 2);
    return bus.<T>request(Addresses.shardQuery(shard), query, half).recover(e ->
        e instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT
            ? bus.<T>request(Addresses.shardQuery(shard), query, half)
            : Future.failedFuture(e));
  }

  static DeliveryOptions options() {
    return new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
  }
}
