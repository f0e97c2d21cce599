package io.tickmesh.obs;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.UUID;

/**
 * A node's Vert.x with vertx-micrometer-metrics enabled on a Prometheus registry of its own: Vert.x meters
 * (event bus, HTTP and TCP servers, pools) and micrometer's JVM binders (memory, GC, threads, classes,
 * CPU), which Vert.x closes with itself. {@code /metrics} scrapes {@link #registry()}.
 */
public record MeteredVertx(Vertx vertx, PrometheusMeterRegistry registry) {
  /** A new Vert.x and its registry. */
  public static MeteredVertx create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder().with(options()).withMetrics(new MicrometerMetricsFactory(registry)).build();
    return new MeteredVertx(vertx, registry);
  }

  /**
   * The options that turn the metrics on. vertx-micrometer keeps registries in a JVM-wide map by name,
   * so each Vert.x gets a name of its own (several nodes share a JVM in tests).
   */
  public static VertxOptions options() {
    return new VertxOptions().setMetricsOptions(
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            .setRegistryName("tickmesh-" + UUID.randomUUID()));
  }
}
