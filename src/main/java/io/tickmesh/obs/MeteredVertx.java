package io.tickmesh.obs;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.UUID;

/**
 * A node's Vert.x with vertx-micrometer-metrics enabled on a Prometheus registry of its own: Vert.x meters
 * (HTTP and TCP servers, pools; not the event bus, see {@link #options}) and micrometer's JVM binders (memory, GC, threads, classes,
 * CPU), which Vert.x closes with itself. {@code /metrics} scrapes {@link #registry()}.
 */
public record MeteredVertx(Vertx vertx, PrometheusMeterRegistry registry) {
  /**
   * A new clustered Vert.x and its registry, joined through {@code clusterManager}, its event bus on
   * {@code host} (a free port); completes once it has joined. {@code nativeTransport}, {@code eventLoops}:
   * see {@link #options}.
   */
  public static io.vertx.core.Future<MeteredVertx> createClustered(io.vertx.core.spi.cluster.ClusterManager clusterManager, String host,
      boolean nativeTransport, int eventLoops) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions options = options(nativeTransport, eventLoops);
    var unused = options.setEventBusOptions(new BoundEventBusOptions(host).setHost(host).setPort(0));
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).withClusterManager(clusterManager)
        .buildClustered().map(vertx -> new MeteredVertx(vertx, registry));
  }

  /** A new Vert.x and its registry; {@code nativeTransport}, {@code eventLoops}: see {@link #options}. */
  public static MeteredVertx create(boolean nativeTransport, int eventLoops) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder().with(options(nativeTransport, eventLoops)).withMetrics(new MicrometerMetricsFactory(registry)).build();
    return new MeteredVertx(vertx, registry);
  }

  /**
   * Which transport the sockets use, for the node's start log: {@code "epoll"} (Netty's native transport;
   * the jar carries only epoll's library, so a native transport here is epoll) or {@code "nio"}, with the
   * reason the native one did not load if it was wanted.
   */
  public String transport() {
    if (vertx.isNativeTransportEnabled()) {
      return "epoll";
    }
    Throwable cause = vertx.unavailableNativeTransportCause();
    return cause == null ? "nio" : "nio (native transport unavailable: " + cause + ")";
  }

  /**
   * The options that turn the metrics on, the transport and the event loops. {@code eventLoops} threads
   * (Vert.x's default is two per core): at a steady rate each message handed to another loop wakes it
   * (an eventfd write, an epoll wait returning, a context switch), and with twice as many loops as cores
   * the node spent a third more CPU per tick at a steady 28,000 ticks/s; {@code bench} took as much with
   * one connection, and 8 % less with two, on one loop per core (README, Performance, "One event loop per core"). With {@code nativeTransport} the sockets,
   * timers and wake-ups of the event loops go through Netty's epoll transport (its Linux x86-64 library is
   * in the jar; Vert.x falls back to NIO where it does not load): under {@code bench} the node spent about
   * a tenth less CPU per tick than on Java NIO, and at a steady 170,000 ticks/s it waited 18,000 times a
   * second ({@code epoll_pwait2}) where NIO's selector made 225,000 {@code epoll_wait} calls (see README,
   * Performance, "Sockets on epoll"). vertx-micrometer keeps registries in a JVM-wide map by name,
   * so each Vert.x gets a name of its own (several nodes share a JVM in tests). The event bus is not
   * metered: vertx-micrometer looks its meters up in the registry on every message sent and received,
   * which was 6.6 % of a node's event-loop samples under {@code bench} (every batch, ack and output is a
   * message); the pipeline's own meters ({@code tickmesh_*}) count what matters there.
   */
  public static VertxOptions options(boolean nativeTransport, int eventLoops) {
    return new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(nativeTransport).setMetricsOptions(
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
            .setRegistryName("tickmesh-" + UUID.randomUUID()));
  }

  /**
   * Event-bus options whose client connections leave from {@code host} too, not only the server's: Vert.x
   * builds the client's options from {@link #toJson}, which has no local address of its own. With it, a
   * node's traffic to the others always comes from its own address (what a firewall rule, or the
   * partition test's nft rules, see), as Hazelcast's does.
   */
  private static final class BoundEventBusOptions extends io.vertx.core.eventbus.EventBusOptions {
    private final String host;

    BoundEventBusOptions(String host) {
      this.host = host;
    }

    @Override
    public io.vertx.core.json.JsonObject toJson() {
      return super.toJson().put("localAddress", host);
    }
  }
}
