package io.tickmesh.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.store.Store;
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
  private StatsCollector stats;
  private final Future<Store> store;
  private final PrometheusMeterRegistry registry;
  private ShardClient shards;

  /** The API of node {@code nodeId}, listening on {@code port} (0 = any); {@code registry} feeds /metrics (may be null). */
  public ApiVerticle(TickmeshConfig config, String nodeId, int port, Future<Store> store, PrometheusMeterRegistry registry) {
    this.config = config;
    this.store = store;
    this.nodeId = nodeId;
    this.port = port;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    stats = new StatsCollector(vertx.eventBus(), config);
    shards = new ShardClient(vertx.eventBus(), config.shards().count());
    HistoryRoutes history = new HistoryRoutes(config, vertx.eventBus(), shards, store);
    Router router = Router.router(vertx);
    router.get("/api/v1/symbols").handler(this::symbols);
    router.get("/api/v1/quotes/:sym").handler(this::quote);
    router.get("/api/v1/bars/:sym").handler(history::bars);
    router.get("/api/v1/trades/:sym").handler(history::trades);
    router.get("/api/v1/rejects").handler(history::rejects);
    router.get("/api/v1/feeds").handler(history::feeds);
    router.get("/api/v1/stats").handler(ctx -> Replies.answer(ctx, stats.collect()));
    router.get("/api/v1/cluster").handler(this::cluster);
    Future<Void> operations = new OperationsRoutes(vertx, config, stats, store, registry).mount(vertx, router);
    Replies.installErrorHandlers(router);
    server = vertx.createHttpServer().requestHandler(router);
    return operations.compose(v -> server.listen(port, config.node().host()));
  }

  /** The port actually bound. */
  public int actualPort() {
    return server.actualPort();
  }

  private void quote(RoutingContext ctx) {
    String sym = QueryParams.symbol(ctx.pathParam("sym"));
    var unusedParams = new QueryParams(ctx.queryParams(), Set.of());
    Replies.answer(ctx, shards.ask(sym, new ShardQuery.QuoteOf(sym)));
  }

  private void symbols(RoutingContext ctx) {
    var unusedParams = new QueryParams(ctx.queryParams(), Set.of());
    Replies.answer(ctx, shards.<JsonArray>askAll(new ShardQuery.Symbols()).map(replies -> {
      List<JsonObject> all = new ArrayList<>();
      for (JsonArray r : replies) {
        r.forEach(o -> all.add(((JsonObject) o).put("node", nodeId)));
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

}
