package io.tickmesh.api;

import io.tickmesh.api.bridge.SockJsBridge;
import io.tickmesh.codec.Addresses;
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
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The HTTP API of DESIGN.md: live state by request/reply to the owning shard, counters gathered from
 * feeds and shards. Every answer but the OpenAPI document itself is JSON; each API request is validated
 * against that document first, and a bad parameter is a 400 naming it; nothing answers with a stack
 * trace. Consumes {@code tm.node.state}
 * (the node's readiness). Owns: the HTTP server.
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
  private Router router;
  private StatsCollector stats;
  private final Future<Store> store;
  private final PrometheusMeterRegistry registry;
  private ShardClient shards;
  private SockJsBridge sockJs;

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
    OperationsRoutes operations = new OperationsRoutes(vertx, config, stats, store, registry);
    return operations.start(vertx)
        .compose(v -> ApiDocument.load(vertx, config.bars().intervals()))
        .compose(document -> {
          sockJs = new SockJsBridge(vertx, config.bridge());
          router = mountRoutes(document, operations);
          int wsMessage = SockJsBridge.maxWebSocketMessageBytes(config.bridge());
          server = vertx.createHttpServer(new HttpServerOptions()
                  .setMaxWebSocketFrameSize(wsMessage)
                  .setMaxWebSocketMessageSize(wsMessage))
              .requestHandler(router);
          return sockJs.start().compose(v -> server.listen(port, config.node().host()));
        });
  }

  /** Tells the SockJS bridge's clients the node is stopping, then stops listening. */
  @Override
  public Future<?> stop() {
    if (sockJs != null) {
      sockJs.stop();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }

  /**
   * The JSON API is the operations of openapi.yaml, each validated against it before its handler runs.
   * What is not a JSON API operation is mounted apart, one line each, unvalidated: the document itself,
   * and for issue 4 {@code /metrics} and {@code /} (both documented too), the SockJS bridge at
   * {@code /eventbus/*} and the dashboard's static files (not in the document).
   */
  private Router mountRoutes(ApiDocument document, OperationsRoutes operations) {
    Router routes = Router.router(vertx);
    HistoryRoutes history = new HistoryRoutes(config, vertx.eventBus(), shards, store);
    ValidatedRoutes api = new ValidatedRoutes(vertx, routes, document.contract());
    api.mount("listSymbols", this::symbols);
    api.mount("getQuote", this::quote);
    api.mount("getBars", history::bars);
    api.mount("getTrades", history::trades);
    api.mount("listRejects", history::rejects);
    api.mount("listFeedPositions", history::feeds);
    api.mount("getStats", ctx -> Replies.answer(ctx, stats.collect()));
    api.mount("getCluster", this::cluster);
    api.mount("getLiveness", operations::live);
    api.mount("getReadiness", operations::ready);

    // Not validated, one line each: the document here; /metrics, /eventbus/*, / and static files next.
    routes.get("/openapi.yaml").handler(document::serve);
    routes.get("/metrics").handler(operations::metrics);
    sockJs.mount(routes);
    DashboardRoutes.mount(routes, config);
    Replies.installErrorHandlers(routes);
    return routes;
  }

  /** The routes of the HTTP server, in order (for tests that hold them against the document). */
  public List<Route> routes() {
    return router.getRoutes();
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
