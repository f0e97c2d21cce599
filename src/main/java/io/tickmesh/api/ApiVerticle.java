package io.tickmesh.api;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.ShardQuery;
import io.tickmesh.model.Symbols;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The HTTP API of DESIGN.md: live state by request/reply to the owning shard, counters gathered from
 * feeds and shards. Every answer is JSON; a bad parameter is a 400 naming it; nothing answers with a
 * stack trace. Consumes {@code tm.node.state} (the node's readiness). Owns: the HTTP server.
 */
public final class ApiVerticle extends VerticleBase {
  /** Local address on which the node announces "ready" or "draining". */
  public static final String NODE_STATE = "tm.node.state";

  private static final long TIMEOUT_MS = 5_000;
  private static final int MAX_LIMIT = 10_000;

  private final TickmeshConfig config;
  private final String nodeId;
  private final int port;
  private HttpServer server;
  private String state = "starting";
  private StatsCollector stats;

  /** The API of node {@code nodeId}, listening on {@code port} (0 = any). */
  public ApiVerticle(TickmeshConfig config, String nodeId, int port) {
    this.config = config;
    this.nodeId = nodeId;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    stats = new StatsCollector(vertx.eventBus(), config);
    var states = vertx.eventBus().<String>localConsumer(NODE_STATE, m -> state = m.body());
    Router router = Router.router(vertx);
    router.get("/api/v1/symbols").handler(this::symbols);
    router.get("/api/v1/quotes/:sym").handler(this::quote);
    router.get("/api/v1/bars/:sym").handler(this::bars);
    router.get("/api/v1/rejects").handler(this::rejects);
    router.get("/api/v1/stats").handler(ctx -> answer(ctx, stats.collect()));
    router.get("/api/v1/cluster").handler(this::cluster);
    router.get("/health/live").handler(ctx -> Replies.json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    Replies.installErrorHandlers(router);
    server = vertx.createHttpServer().requestHandler(router);
    return states.completion().compose(v -> server.listen(port, config.node().host()));
  }

  /** The port actually bound. */
  public int actualPort() {
    return server.actualPort();
  }

  private void quote(RoutingContext ctx) {
    String sym = QueryParams.symbol(ctx.pathParam("sym"));
    var unusedParams = new QueryParams(ctx.queryParams(), Set.of());
    answer(ctx, askShard(sym, new ShardQuery.QuoteOf(sym)));
  }

  private void bars(RoutingContext ctx) {
    String sym = QueryParams.symbol(ctx.pathParam("sym"));
    QueryParams p = new QueryParams(ctx.queryParams(), Set.of("interval", "from", "to", "limit", "includeOpen"));
    List<BarInterval> intervals = config.bars().intervals();
    BarInterval fallback = intervals.stream().filter(i -> i.label().equals("1m")).findFirst().orElse(intervals.get(0));
    BarInterval interval = p.interval("interval", intervals, fallback);
    Long from = p.time("from");
    Long to = p.time("to");
    if (from != null && to != null && from >= to) {
      throw new BadRequestException("bad parameter", "from must be before to");
    }
    int limit = p.integer("limit", 1, MAX_LIMIT, 1_000);
    boolean includeOpen = p.bool("includeOpen", false);
    answer(ctx, askShard(sym, new ShardQuery.BarsOf(sym, interval, from, to, limit, includeOpen)));
  }

  private void rejects(RoutingContext ctx) {
    QueryParams p = new QueryParams(ctx.queryParams(), Set.of("feed", "limit"));
    JsonObject q = new JsonObject().put("feed", p.feed("feed")).put("limit", p.integer("limit", 1, MAX_LIMIT, 100));
    answer(ctx, vertx.eventBus().<JsonArray>request(Addresses.REJECTS_QUERY, q, options()).map(Message::body));
  }

  private void symbols(RoutingContext ctx) {
    var unusedParams = new QueryParams(ctx.queryParams(), Set.of());
    List<Future<Message<JsonArray>>> replies = new ArrayList<>();
    for (int n = 0; n < config.shards().count(); n++) {
      replies.add(vertx.eventBus().request(Addresses.shardQuery(n), new ShardQuery.Symbols(), options()));
    }
    answer(ctx, Future.all(replies).map(v -> {
      List<JsonObject> all = new ArrayList<>();
      for (Future<Message<JsonArray>> r : replies) {
        r.result().body().forEach(o -> all.add(((JsonObject) o).put("node", nodeId)));
      }
      all.sort((a, b) -> a.getString("symbol").compareTo(b.getString("symbol")));
      return new JsonArray(new ArrayList<>(all));
    }));
  }

  private void cluster(RoutingContext ctx) {
    JsonObject shards = new JsonObject();
    for (int n = 0; n < config.shards().count(); n++) {
      shards.put(String.valueOf(n), nodeId);
    }
    Replies.json(ctx, 200, new JsonObject()
        .put("self", nodeId)
        .put("members", new JsonArray().add(nodeId))
        .put("shards", shards)
        .put("quorum", true));
  }

  private void ready(RoutingContext ctx) {
    boolean up = state.equals("ready");
    JsonObject check = new JsonObject().put("id", "node").put("status", up ? "UP" : "DOWN").put("state", state);
    Replies.json(ctx, up ? 200 : 503, new JsonObject()
        .put("status", up ? "UP" : "DOWN")
        .put("checks", new JsonArray().add(check)));
  }

  private Future<Object> askShard(String sym, ShardQuery query) {
    int shard = Symbols.shardOf(sym, config.shards().count());
    return vertx.eventBus().request(Addresses.shardQuery(shard), query, options()).map(Message::body);
  }

  private static DeliveryOptions options() {
    return new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
  }

  private static void answer(RoutingContext ctx, Future<?> result) {
    result.onComplete(r -> {
      if (r.succeeded()) {
        Replies.json(ctx, 200, r.result());
      } else if (r.cause() instanceof ReplyException e && e.failureCode() == 404) {
        Replies.error(ctx, 404, "not found", e.getMessage());
      } else if (r.cause() instanceof ReplyException e && e.failureType() == ReplyFailure.TIMEOUT) {
        Replies.error(ctx, 503, "timeout", "a shard did not answer within " + TIMEOUT_MS + " ms");
      } else {
        ctx.fail(r.cause());
      }
    });
  }
}
