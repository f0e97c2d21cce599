package io.tickmesh.api;

import io.tickmesh.api.bridge.SockJsBridge;
import io.tickmesh.codec.Addresses;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.feed.WebSocketFeed;
import io.tickmesh.store.Store;
import io.tickmesh.model.ShardQuery;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of DESIGN.md: live state by request/reply to the owning shard, counters gathered from
 * feeds and shards. Every answer but the OpenAPI document itself is JSON; each API request is validated
 * against that document first, and a bad parameter is a 400 naming it; nothing answers with a stack
 * trace. The server's bounds: {@code http.maxConnections} ({@link HttpConnections}),
 * {@code http.idleTimeoutMs}, {@code http.maxAnswerBytes} ({@link AnswerBudget}, {@link Replies}). The
 * WebSocket feed at {@code /feed} ({@link FeedRoute}, {@link WebSocketFeed}) lives on this server's context.
 *
 * <p>Consumes {@code tm.node.state} (the node's readiness); answers {@code tm.http.stats} (node-local) with
 * {@code {"connections","maxConnections","refused","idleClosed","answerBytes","maxAnswerBytes","busy",
 * "queries":{"busy","timeouts"}}}. Owns: the HTTP server, its connection and answer counters, the
 * WebSocket feed.
 */
public final class ApiVerticle extends VerticleBase {
  /** Local address on which the node announces "ready" or "draining". */
  public static final String NODE_STATE = Addresses.NODE_STATE;

  private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

  private final TickmeshConfig config;
  private final String nodeId;
  private final int port;
  private HttpServer server;
  private Router router;
  private StatsCollector stats;
  private final Future<Store> store;
  private final PrometheusMeterRegistry registry;
  private final WebSocketFeed feed;
  private ShardClient shards;
  private SockJsBridge sockJs;
  private ClusterRoutes clusterRoutes;
  private AnswerBudget budget;
  private Replies replies;
  private HttpConnections connections;
  private HistoryRoutes history;

  /**
   * The API of node {@code nodeId}, listening on {@code port} (0 = any); {@code registry} feeds /metrics
   * (may be null); {@code feed} is served at {@code /feed}.
   */
  public ApiVerticle(TickmeshConfig config, String nodeId, int port, Future<Store> store, PrometheusMeterRegistry registry,
      WebSocketFeed feed) {
    this.config = config;
    this.feed = feed;
    this.store = store;
    this.nodeId = nodeId;
    this.port = port;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    stats = new StatsCollector(vertx.eventBus(), config);
    shards = new ShardClient(vertx.eventBus(), config.shards().count());
    budget = new AnswerBudget(config.http().maxAnswerBytes());
    replies = new Replies(budget);
    connections = new HttpConnections(vertx, replies, config.http().maxConnections());
    history = new HistoryRoutes(config, vertx.eventBus(), shards, store, replies);
    OperationsRoutes operations = new OperationsRoutes(vertx, config, stats, store, registry, replies);
    var httpStats = vertx.eventBus().<JsonObject>localConsumer(Addresses.HTTP_STATS, m -> m.reply(httpStats()));
    clusterRoutes = new ClusterRoutes(vertx, config, nodeId);
    return operations.start(vertx)
        .compose(v -> httpStats.completion())
        .compose(v -> clusterRoutes.serve(() -> new JsonObject().put("node", nodeId)
            .put("http", server == null ? null : advertisedHost() + ":" + server.actualPort())
            .put("ready", operations.isReady()), stats::feedTotals))
        .compose(v -> ApiDocument.load(vertx, config.bars().intervals()))
        .compose(document -> {
          sockJs = new SockJsBridge(vertx, config);
          router = mountRoutes(document, operations);
          HttpErrors errors = new HttpErrors(replies);
          errors.install(router);
          server = vertx.createHttpServer(serverOptions(config))
              .connectionHandler(connections::opened)
              .exceptionHandler(connections::failed)
              .invalidRequestHandler(errors::invalidRequest)
              .requestHandler(connections.admitting(router));
          return sockJs.start()
              .compose(v -> feed.start(vertx, SockJsBridge.maxWebSocketMessageBytes(config.bridge())))
              .compose(v -> server.listen(port, config.node().host()));
        });
  }

  /**
   * Tells the SockJS bridge's clients the node is stopping, closes the WebSocket feed's connections after
   * their acks (done already by the node's stop), then stops listening.
   */
  @Override
  public Future<?> stop() {
    if (sockJs != null) {
      sockJs.stop();
    }
    return feed.stop().compose(v -> server == null ? Future.succeededFuture() : server.close());
  }

  /**
   * The idle timeout of {@code http.idleTimeoutMs}; request line and header limits stay Vert.x's defaults
   * (answered by {@link HttpErrors}). SockJS streams and polls on this server get a heartbeat frame every
   * 25 s, which keeps them from idling out only while the timeout is longer than that.
   */
  private static HttpServerOptions serverOptions(TickmeshConfig config) {
    TickmeshConfig.Http http = config.http();
    int wsMessage = SockJsBridge.maxWebSocketMessageBytes(config.bridge());
    long heartbeat = SockJSHandlerOptions.DEFAULT_HEARTBEAT_INTERVAL;
    if (http.idleTimeoutMs() > 0 && http.idleTimeoutMs() <= heartbeat) {
      LOG.atWarn().addKeyValue("idleTimeoutMs", http.idleTimeoutMs()).log("http.idleTimeoutMs is not above the SockJS"
          + " heartbeat ({} ms): browsers subscribed through /eventbus will be cut off and reconnect", heartbeat);
    }
    return new HttpServerOptions().setIdleTimeout((int) http.idleTimeoutMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setMaxWebSocketFrameSize(wsMessage).setMaxWebSocketMessageSize(wsMessage);
  }

  private JsonObject httpStats() {
    return connections.stats()
        .put("answerBytes", budget.inFlight())
        .put("maxAnswerBytes", budget.max())
        .put("busy", budget.refused())
        .put("queries", history.queryStats());
  }

  /**
   * The JSON API is the operations of openapi.yaml, each validated against it before its handler runs.
   * What is not a JSON API operation is mounted apart, one line each, unvalidated: the document itself,
   * and for issue 4 {@code /metrics} and {@code /} (both documented too), the SockJS bridge at
   * {@code /eventbus/*} and the dashboard's static files (not in the document). First of all the WebSocket
   * feed at {@code /feed} (documented) and the refusal of WebSockets asked for elsewhere.
   */
  private Router mountRoutes(ApiDocument document, OperationsRoutes operations) {
    Router routes = Router.router(vertx);
    FeedRoute.mount(routes, feed, replies);
    ValidatedRoutes api = new ValidatedRoutes(vertx, routes, document.contract());
    api.mount("listSymbols", this::symbols);
    api.mount("getQuote", this::quote);
    api.mount("getBook", this::book);
    InstrumentRoutes instruments = new InstrumentRoutes(vertx, replies);
    api.mount("getInstrument", instruments::get);
    api.mount("putInstrument", instruments::put);
    api.mount("getBars", history::bars);
    api.mount("getTrades", history::trades);
    api.mount("listRejects", history::rejects);
    api.mount("listFeedPositions", history::feeds);
    api.mount("getStats", ctx -> replies.answer(ctx, stats.collect()));
    api.mount("getCluster", this::cluster);
    api.mount("getLiveness", operations::live);
    api.mount("getReadiness", operations::ready);

    // Not validated, one line each: the document here; /metrics, /eventbus/*, / and static files next.
    routes.route("/openapi.yaml").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> replies.send(ctx.request(), 200, ApiDocument.MEDIA_TYPE, document.yaml()));
    routes.route("/metrics").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(operations::metrics);
    sockJs.mount(routes);
    DashboardRoutes.mount(routes, config, replies);
    return routes;
  }

  /** The host other nodes' users reach this node's HTTP server at: node.host, or 127.0.0.1 for any. */
  private String advertisedHost() {
    return "0.0.0.0".equals(config.node().host()) ? "127.0.0.1" : config.node().host();
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
    replies.answer(ctx, shards.ask(sym, new ShardQuery.QuoteOf(sym)));
  }

  /**
   * A book, from the node whose feed keeps it: a venue product's ({@code <name>:<product>}, from the venue
   * feed {@code name}) or an ITCH instrument's; 404 when no feed has its book.
   */
  private void book(RoutingContext ctx) {
    String sym = QueryParams.symbol(ctx.pathParam("sym"));
    int depth = new QueryParams(ctx.queryParams(), Set.of("depth")).integer("depth", 1, 1_000, 10);
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(ShardClient.TIMEOUT_MS);
    int colon = sym.indexOf(':');
    String address = colon > 0 ? Addresses.venueBook(sym.substring(0, colon)) : Addresses.ITCH_BOOK;
    String none = colon > 0 ? "no venue feed " + sym.substring(0, colon) + " runs" : "no ITCH feed runs";
    replies.answer(ctx, vertx.eventBus().<JsonObject>request(address, new JsonObject().put("symbol", sym).put("depth", depth), options)
        .map(Message::body)
        .recover(e -> Future.failedFuture(e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
            ? new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 404, "no order book of " + sym + ": " + none) : e)));
  }

  private void symbols(RoutingContext ctx) {
    var unusedParams = new QueryParams(ctx.queryParams(), Set.of());
    replies.answer(ctx, shards.<JsonArray>askAll(new ShardQuery.Symbols()).map(perShard -> {
      List<JsonObject> all = new ArrayList<>();
      for (JsonArray r : perShard) {
        r.forEach(o -> all.add((JsonObject) o)); // each shard names the node that serves it
      }
      all.sort((a, b) -> a.getString("symbol").compareTo(b.getString("symbol")));
      return new JsonArray(new ArrayList<>(all));
    }));
  }

  private void cluster(RoutingContext ctx) {
    var unusedParams = new QueryParams(ctx.queryParams(), Set.of());
    replies.answer(ctx, clusterRoutes.cluster());
  }

}
