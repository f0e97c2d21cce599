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
    return requestTwice(bus, Addresses.shardQuery(shard), query, TIMEOUT_MS);
  }

  /**
   * A request of something that only reads, within {@code timeoutMs}: not answered in half of it, it is
   * sent once more (the event bus takes the next route to the address: the first may have been a stale
   * route to a dead node, NOTES-cluster §3.6).
   */
  private static <T> Future<Message<T>> requestTwice(EventBus bus, String address, Object body, long timeoutMs) {
    DeliveryOptions half = new DeliveryOptions().setSendTimeout(timeoutMs / 2);
    return bus.<T>request(address, body, half).recover(e ->
        e instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT
            ? bus.<T>request(address, body, half)
            : Future.failedFuture(e));
  }

  static DeliveryOptions options() {
    return new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
  }
}
