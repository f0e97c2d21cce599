package io.tickmesh.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's endpoints: {@code GET /metrics} (Prometheus text: the {@code tickmesh_*} families from
 * one stats collection per scrape, then the Vert.x and JVM meters of the node's registry) and the health
 * checks {@code GET /health/live} and {@code GET /health/ready} (see {@link NodeHealth}).
 *
 * <p>Threading: created and used on the API verticle's context.
 */
final class OperationsRoutes {
  /** The content type of the Prometheus text format. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(OperationsRoutes.class);

  private final StatsCollector stats;
  private final PrometheusMeterRegistry registry;
  private final NodeHealth health;

  /** {@code registry} may be null: then /metrics has the {@code tickmesh_*} families only. */
  OperationsRoutes(Vertx vertx, TickmeshConfig config, StatsCollector stats, Future<Store> store, PrometheusMeterRegistry registry) {
    this.stats = stats;
    this.registry = registry;
    this.health = new NodeHealth(vertx, config, store);
  }

  /** Starts the health checks; the future completes once they follow the node's state. */
  Future<Void> start(Vertx vertx) {
    return health.start(vertx);
  }

  void live(RoutingContext ctx) {
    health.live(ctx);
  }

  void ready(RoutingContext ctx) {
    health.ready(ctx);
  }

  void metrics(RoutingContext ctx) {
    stats.collect().onComplete(r -> {
      if (r.failed()) {
        Replies.answer(ctx, Future.failedFuture(r.cause())); // the same 503s as /api/v1/stats
        return;
      }
      String text = registry == null ? StatsExposition.render(r.result()) : StatsExposition.render(r.result()) + registry.scrape();
      ctx.response()
          .putHeader("content-type", PROMETHEUS_TEXT)
          .end(text)
          .onFailure(e -> LOG.atDebug().log("metrics not written: {}", e.getMessage()));
    });
  }
}
