package io.tickmesh.api.bridge;

import io.tickmesh.codec.Addresses;
import io.tickmesh.model.ShardQuery;
import io.tickmesh.model.Symbols;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * Answers {@code snapshot.quote} requests from bridge clients: the body must be {@code {"symbol":S}} with
 * a valid symbol; the answer is the symbol's live quote with its {@code pubSeq}, from the owning shard.
 * Failures are {@code 400} (bad request), {@code 404} (unknown symbol) or the shard's timeout.
 */
public final class Snapshots {
  private static final long TIMEOUT_MS = 5_000;

  private final EventBus bus;
  private final int shards;

  private Snapshots(EventBus bus, int shards) {
    this.bus = bus;
    this.shards = shards;
  }

  /** Registers the request address on the calling context. */
  public static Future<MessageConsumer<Object>> register(EventBus bus, int shards) {
    Snapshots snapshots = new Snapshots(bus, shards);
    MessageConsumer<Object> consumer = bus.localConsumer(Addresses.SNAPSHOT_QUOTE, snapshots::answer);
    return consumer.completion().map(consumer);
  }

  private void answer(Message<Object> request) {
    String symbol = request.body() instanceof JsonObject json && json.getValue("symbol") instanceof String s ? s : null;
    if (symbol == null || !Symbols.isValid(symbol) || ((JsonObject) request.body()).size() != 1) {
      request.fail(400, "expected {\"symbol\":S} with S of 1-32 characters A-Z a-z 0-9 . - _ : /");
      return;
    }
    int shard = Symbols.shardOf(symbol, shards);
    bus.<Object>request(Addresses.shardQuery(shard), new ShardQuery.QuoteOf(symbol), new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .onSuccess(reply -> request.reply(reply.body()))
        .onFailure(e -> request.fail(e instanceof ReplyException r && r.failureCode() > 0 ? r.failureCode() : 503,
            e.getMessage()));
  }
}
