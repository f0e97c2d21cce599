package io.tickmesh.api;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.ShardQuery;
import io.tickmesh.store.HistoryQueries;
import io.tickmesh.store.QueryLimitException;
import io.tickmesh.store.Store;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/v1/bars}, {@code /trades} and {@code /rejects}: from PostgreSQL when the store is on (open
 * bars still come live from the shard), else from what the shards and the reject log keep in memory.
 * Counts the history queries the query pool refused (its queue full) and those past their time.
 *
 * <p>Threading: handlers and counters on the API verticle's event loop.
 */
final class HistoryRoutes {
  private static final int MAX_LIMIT = 10_000;

  private final TickmeshConfig config;
  private final EventBus bus;
  private final ShardClient shards;
  private final Future<Store> store;
  private final Replies replies;
  private long queriesBusy;
  private long queryTimeouts;

  HistoryRoutes(TickmeshConfig config, EventBus bus, ShardClient shards, Future<Store> store, Replies replies) {
    this.config = config;
    this.bus = bus;
    this.shards = shards;
    this.store = store;
    this.replies = replies;
  }

  /** {@code {"busy","timeouts"}}: history queries refused at once, and cut at {@code db.queryTimeoutMs}. */
  JsonObject queryStats() {
    return new JsonObject().put("busy", queriesBusy).put("timeouts", queryTimeouts);
  }

  void bars(RoutingContext ctx) {
    String sym = QueryParams.symbol(ctx.pathParam("sym"));
    QueryParams p = new QueryParams(ctx.queryParams(), Set.of("interval", "from", "to", "limit", "includeOpen"));
    List<BarInterval> intervals = config.bars().intervals();
    BarInterval interval = p.interval("interval", intervals, defaultInterval(intervals));
    Long from = p.time("from");
    Long to = p.time("to");
    checkRange(from, to);
    int limit = p.integer("limit", 1, MAX_LIMIT, 1_000);
    boolean includeOpen = p.bool("includeOpen", false);
    if (!config.store().enabled()) {
      replies.answer(ctx, shards.ask(sym, new ShardQuery.BarsOf(sym, interval, from, to, limit, includeOpen)));
      return;
    }
    // The shard's view, then PostgreSQL, merged: a closed bar is in the shard's memory until it is
    // durable, and only then forgotten there. Read in this order, a bar that becomes durable between the
    // two reads is in the second; read the other way round, it could be in neither.
    Future<Object> live = shards.ask(sym, new ShardQuery.BarsOf(sym, interval, from, to, limit, includeOpen));
    replies.answer(ctx, live.compose(l -> query(h -> h.bars(sym, interval.label(), from, to, limit))
        .map(closed -> BarMerge.merge(closed, (JsonArray) l, from != null, limit, includeOpen))));
  }

  /** The interval of a bars query that names none: 1m, or the finest if 1m is not configured. */
  static BarInterval defaultInterval(List<BarInterval> intervals) {
    return intervals.stream().filter(i -> i.label().equals("1m")).findFirst().orElse(intervals.get(0));
  }

  void trades(RoutingContext ctx) {
    String sym = QueryParams.symbol(ctx.pathParam("sym"));
    QueryParams p = new QueryParams(ctx.queryParams(), Set.of("from", "to", "limit"));
    Long from = p.time("from");
    Long to = p.time("to");
    checkRange(from, to);
    int limit = p.integer("limit", 1, MAX_LIMIT, 1_000);
    if (!config.store().enabled()) {
      replies.error(ctx, 404, "no store", "trades are kept only with store.enabled=true");
      return;
    }
    replies.answer(ctx, query(h -> h.trades(sym, from, to, limit)));
  }

  void rejects(RoutingContext ctx) {
    QueryParams p = new QueryParams(ctx.queryParams(), Set.of("feed", "limit"));
    String feed = p.feed("feed");
    int limit = p.integer("limit", 1, MAX_LIMIT, 100);
    if (config.store().enabled()) {
      replies.answer(ctx, query(h -> h.rejects(feed, limit)));
      return;
    }
    JsonObject q = new JsonObject().put("feed", feed).put("limit", limit);
    replies.answer(ctx, bus.<JsonArray>request(Addresses.REJECTS_QUERY, q, ShardClient.options()).map(Message::body));
  }

  void feeds(RoutingContext ctx) {
    var unusedParams = new QueryParams(ctx.queryParams(), Set.of());
    if (!config.store().enabled()) {
      replies.error(ctx, 404, "no store", "feed positions are kept only with store.enabled=true");
      return;
    }
    replies.answer(ctx, query(HistoryQueries::feedPositions));
  }

  private Future<HistoryQueries> history() {
    if (!store.isComplete()) {
      return Future.failedFuture(new StoreNotReadyException());
    }
    return store.map(Store::history);
  }

  /**
   * Runs a history query. A limit of the query pool is answered as such (503 busy or timeout) and counted;
   * any other failure of PostgreSQL (refused connection, closed pool, SQL error) is a 503 too.
   */
  private <T> Future<T> query(Function<HistoryQueries, Future<T>> run) {
    return history().compose(h -> run.apply(h).recover(e -> {
      if (e instanceof QueryLimitException limit) {
        if (limit.limit() == QueryLimitException.Limit.BUSY) {
          queriesBusy++;
        } else {
          queryTimeouts++;
        }
        return Future.failedFuture(e);
      }
      return Future.failedFuture(new StoreUnavailableException(e));
    }));
  }

  private static void checkRange(Long from, Long to) {
    if (from != null && to != null && from >= to) {
      throw new BadRequestException("bad parameter", "from must be before to");
    }
  }
}
