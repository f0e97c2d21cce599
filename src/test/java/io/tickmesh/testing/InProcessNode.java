package io.tickmesh.testing;

import io.tickmesh.app.TickmeshNode;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.obs.MeteredVertx;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real node in this JVM on free loopback ports, simulator and store off unless asked: the same
 * verticles, event bus and sockets as the jar, started by {@link TickmeshNode}.
 */
public final class InProcessNode implements AutoCloseable {
  private final Vertx vertx;
  private final TickmeshNode node;
  private final Http http;

  private InProcessNode(Vertx vertx, TickmeshNode node) {
    this.vertx = vertx;
    this.node = node;
    this.http = new Http(node.ports().http());
  }

  /** Starts a node with these config overrides on top of test defaults. */
  public static InProcessNode start(Map<String, ?> overrides) throws Exception {
    return start(overrides, System::getenv);
  }

  /** Starts a node with these config overrides, its venue feeds reading their credentials from {@code environment}. */
  public static InProcessNode start(Map<String, ?> overrides, java.util.function.UnaryOperator<String> environment) throws Exception {
    Map<String, Object> values = new HashMap<>();
    values.put("node.host", "127.0.0.1");
    values.put("http.port", 0);
    values.put("feed.tcp.port", 0);
    values.put("bridge.tcp.port", 0);
    values.put("sim.enabled", false);
    values.put("store.enabled", false);
    values.putAll(overrides);
    TickmeshConfig config = TickmeshConfig.of(values);
    MeteredVertx metered = MeteredVertx.create(config.node().nativeTransport(), config.node().eventLoopThreads());
    TickmeshNode node;
    try {
      node = TickmeshNode.start(metered, config, environment).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      var unused = metered.vertx().close(); // a node that failed to start leaves no threads behind
      throw e;
    }
    return new InProcessNode(metered.vertx(), node);
  }

  /** Starts a node with the store on, its embedded PostgreSQL under {@code dataDir}. */
  public static InProcessNode withStore(java.nio.file.Path dataDir, Map<String, ?> overrides) throws Exception {
    Map<String, Object> values = new HashMap<>(overrides);
    values.put("store.enabled", true);
    values.put("db.dataDir", dataDir.toString());
    return start(values);
  }

  /** The node's Vert.x, e.g. to subscribe to its outputs on the event bus. */
  public Vertx vertx() {
    return vertx;
  }

  public int feedPort() {
    return node.ports().feed();
  }

  /** The embedded PostgreSQL's port on 127.0.0.1 (user and password postgres), 0 without a store. */
  public int dbPort() {
    return node.ports().db();
  }

  public int bridgePort() {
    return node.ports().bridge();
  }

  /** The routes of the node's HTTP server. */
  public List<Route> httpRoutes() {
    return node.httpRoutes();
  }

  public Http http() {
    return http;
  }

  /** A new TCP feed connection to this node. */
  public FeedClient connect() throws Exception {
    return new FeedClient(feedPort());
  }

  @Override
  public void close() throws Exception {
    try {
      var counts = node.stop().await(30, TimeUnit.SECONDS);
    } finally {
      var closed = vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
