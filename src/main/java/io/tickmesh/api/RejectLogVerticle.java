package io.tickmesh.api;

import io.tickmesh.codec.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Keeps the newest {@code rejects.retain} rejects in memory for {@code GET /api/v1/rejects}: a bounded
 * ring, the oldest forgotten first; every reject is still counted and published.
 *
 * <p>Consumes {@code rejects} (JSON, published by feeds and shards) and {@code tm.rejects.query}
 * (JSON {@code {"feed"?, "limit"}}, reply: JSON array, newest first). Owns: the ring.
 */
public final class RejectLogVerticle extends VerticleBase {
  private final int retain;
  private final ArrayDeque<JsonObject> ring = new ArrayDeque<>();

  /** A log of the newest {@code retain} rejects. */
  public RejectLogVerticle(int retain) {
    this.retain = retain;
  }

  @Override
  public Future<?> start() {
    var in = vertx.eventBus().<JsonObject>localConsumer(Addresses.REJECTS, this::record);
    var queries = vertx.eventBus().<JsonObject>localConsumer(Addresses.REJECTS_QUERY, this::query);
    return Future.all(in.completion(), queries.completion());
  }

  private void record(Message<JsonObject> message) {
    if (ring.size() == retain) {
      ring.pollFirst();
    }
    ring.addLast(message.body());
  }

  private void query(Message<JsonObject> message) {
    String feed = message.body().getString("feed");
    int limit = message.body().getInteger("limit", 100);
    JsonArray out = new JsonArray();
    Iterator<JsonObject> newestFirst = ring.descendingIterator();
    while (newestFirst.hasNext() && out.size() < limit) {
      JsonObject reject = newestFirst.next();
      if (feed == null || feed.equals(reject.getString("feed"))) {
        out.add(reject);
      }
    }
    message.reply(out);
  }
}

