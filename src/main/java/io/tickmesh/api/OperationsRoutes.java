package io.tickmesh.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

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

  private final StatsCollector stats;
  private final PrometheusMeterRegistry registry;
  private final NodeHealth health;
  private final Replies replies;

  /** {@code registry} may be null: then /metrics has the {@code tickmesh_*} families only. */
  OperationsRoutes(Vertx vertx, TickmeshConfig config, StatsCollector stats, Future<Store> store,
      PrometheusMeterRegistry registry, Replies replies) {
    this.stats = stats;
    this.registry = registry;
    this.replies = replies;
    this.health = new NodeHealth(vertx, config, store);
  }

  /** Starts the health checks; the future completes once they follow the node's state. */
  Future<Void> start(Vertx vertx) {
    return health.start(vertx);
  }

  void live(RoutingContext ctx) {
    answerHealth(ctx, "live");
  }

  /** Whether the node is ready now (for the other nodes' view of it). */
  boolean isReady() {
    return health.isReady();
  }

  void ready(RoutingContext ctx) {
    answerHealth(ctx, "ready");
  }

  /** 200 with the group's checks when it is UP, else 503. */
  private void answerHealth(RoutingContext ctx, String group) {
    health.check(group).onComplete(r -> {
      if (r.failed()) {
        ctx.fail(r.cause());
      } else {
        replies.json(ctx, r.result().getString("status").equals("UP") ? 200 : 503, r.result());
      }
    });
  }

  void metrics(RoutingContext ctx) {
    stats.collect().onComplete(r -> {
      if (r.failed()) {
        replies.answer(ctx, Future.failedFuture(r.cause())); // the same 503s as /api/v1/stats
        return;
      }
      String text = registry == null ? StatsExposition.render(r.result()) : StatsExposition.render(r.result()) + registry.scrape();
      replies.send(ctx.request(), 200, PROMETHEUS_TEXT, Buffer.buffer(text));
    });
  }
}
