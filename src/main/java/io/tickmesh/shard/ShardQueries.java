package io.tickmesh.shard;

import io.tickmesh.codec.JsonViews;
import io.tickmesh.model.Bar;
import io.tickmesh.model.ShardQuery;
import io.tickmesh.model.Timestamps;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Answers {@link ShardQuery} messages from the shard's live state, in JSON. An unknown symbol fails the
 * request with code 404. Threading: runs on the owning shard's context, reading its state directly.
 */
final class ShardQueries {
  /** Failure code for a symbol this shard has never seen. */
  static final int UNKNOWN_SYMBOL = 404;

  private final int shard;
  private final SymbolTable symbols;
  private final ShardCounters counters;
  private final ShardPublisher publisher;
  private final JsonObject owner;

  ShardQueries(int shard, SymbolTable symbols, ShardCounters counters, ShardPublisher publisher, ShardStart start) {
    this.shard = shard;
    this.symbols = symbols;
    this.counters = counters;
    this.publisher = publisher;
    this.owner = new JsonObject().put("shard", shard).put("epoch", start.epoch()).put("node", start.node());
  }

  void answer(Message<Object> message) {
    Object body = message.body();
    if (body instanceof ShardQuery.QuoteOf q) {
      SymbolSlot slot = symbols.get(q.symbol());
      if (slot == null) {
        message.fail(UNKNOWN_SYMBOL, "unknown symbol " + q.symbol());
      } else {
        message.reply(JsonViews.quote(slot.state.quote()).put("pubSeq", slot.quotesSeq));
      }
    } else if (body instanceof ShardQuery.BarsOf q) {
      message.reply(bars(q));
    } else if (body instanceof ShardQuery.Symbols) {
      message.reply(symbolList());
    } else if (body instanceof ShardQuery.Stats) {
      message.reply(counters.toJson(symbols.size(), publisher).put("shard", shard).put("node", owner.getString("node")));
    } else if (body instanceof ShardQuery.Owner) {
      message.reply(owner.copy());
    } else {
      message.fail(400, "not a shard query: " + (body == null ? "null" : body.getClass().getName()));
    }
  }

  private JsonArray bars(ShardQuery.BarsOf q) {
    JsonArray out = new JsonArray();
    SymbolSlot slot = symbols.get(q.symbol());
    if (slot == null) {
      return out;
    }
    for (Bar bar : slot.state.closedBars(q.interval(), q.from(), q.to(), q.limit())) {
      out.add(JsonViews.bar(bar));
    }
    if (q.includeOpen()) {
      for (Bar bar : slot.state.openBars(q.interval())) {
        // the same window as the closed bars: from inclusive, to exclusive, on the bar's start
        if ((q.from() == null || bar.start() >= q.from()) && (q.to() == null || bar.start() < q.to())) {
          out.add(JsonViews.bar(bar).put("closed", false));
        }
      }
    }
    return out;
  }

  private JsonArray symbolList() {
    JsonArray out = new JsonArray();
    symbols.forEach(
        slot ->
            out.add(
                new JsonObject()
                    .put("symbol", slot.state.symbol())
                    .put("shard", shard)
                    .put("node", owner.getString("node"))
                    .put("lastTs", Timestamps.format(slot.state.lastTs()))));
    return out;
  }
}
