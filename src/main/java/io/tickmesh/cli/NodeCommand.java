package io.tickmesh.cli;

import io.tickmesh.app.TickmeshNode;
import io.tickmesh.codec.Addresses;
import io.tickmesh.config.ConfigException;
import io.tickmesh.config.ConfigLoader;
import io.tickmesh.config.ConfigSources;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.obs.MeteredVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickmesh node}: reads the layered configuration, starts a node, and on SIGTERM or SIGINT stops
 * it in order (intake, drain, final counts) and exits 0. A configuration error ends the start with exit
 * code 2 and a message naming the key.
 */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Run a Tickmesh node.")
final class NodeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

  @Option(names = "--config", paramLabel = "FILE", description = "YAML file layered over config/default.yaml.")
  Path configFile;

  @Option(names = "--cluster", description = "Join a cluster (cluster.enabled=true).")
  boolean cluster;

  @Option(names = "--http-port", paramLabel = "PORT", description = "http.port")
  Integer httpPort;

  @Option(names = "--feed-port", paramLabel = "PORT", description = "feed.tcp.port")
  Integer feedPort;

  @Option(names = "--no-sim", description = "sim.enabled=false")
  boolean noSim;

  @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Any config key, e.g. --set shards.count=16 (repeatable).")
  List<String> sets = List.of();

  @Override
  public Integer call() throws Exception {
    Map<String, String> overrides = overrides();
    TickmeshConfig config;
    Vertx loader = Vertx.vertx(); // reads the configuration layers; the node's own Vert.x comes after
    try {
      // The main thread waits here: no event loop is blocked, the node has not started yet.
      config = ConfigLoader.load(loader, ConfigSources.ofProcess(configFile, overrides)).await(30, TimeUnit.SECONDS);
      ClusterStart.check(config);
    } catch (ConfigException e) {
      System.err.println("tickmesh: configuration error: " + e.getMessage());
      return 2;
    } finally {
      closeQuietly(loader);
    }
    LOG.atInfo().addKeyValue("config", config.toFlatJson().encode()).log("effective configuration");
    MeteredVertx metered;
    ClusterStart.Joined joined = null;
    try {
      if (config.cluster().enabled()) {
        joined = ClusterStart.join(config);
        metered = joined.metered();
      } else {
        metered = MeteredVertx.create(config.node().nativeTransport(), config.node().eventLoopThreads());
      }
    } catch (ConfigException e) {
      System.err.println("tickmesh: configuration error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      LOG.atError().log("node failed to join the cluster: {}", e.getMessage());
      System.err.println("tickmesh: node failed to join the cluster: " + e.getMessage());
      return 1;
    }
    Vertx vertx = metered.vertx();
    String transport = metered.transport();
    int loops = config.node().eventLoopThreads();
    LOG.atInfo().addKeyValue("transport", transport).addKeyValue("eventLoops", loops)
        .log("sockets on {}, {} event loops", transport, loops);
    TickmeshNode node;
    try {
      node = (joined != null ? TickmeshNode.startClustered(metered, config, joined.hazelcast()) : TickmeshNode.start(metered, config))
          .await(120, TimeUnit.SECONDS);
    } catch (ConfigException e) { // found at start: a venue feed's credential that cannot be read
      System.err.println("tickmesh: configuration error: " + e.getMessage());
      closeQuietly(vertx);
      return 2;
    } catch (Exception e) {
      LOG.atError().log("node failed to start: {}", e.getMessage());
      System.err.println("tickmesh: node failed to start: " + e.getMessage());
      closeQuietly(vertx);
      return 1;
    }
    Shutdown.onSignals(vertx, node, config.node().shutdownTimeoutMs());
    if (joined != null) {
      // A zombie Hazelcast will not merge back stops as on SIGTERM, with exit code 75, to be started again.
      var isolated = vertx.eventBus().<String>localConsumer(Addresses.NODE_ISOLATED,
          m -> Shutdown.inBackground(vertx, node, config.node().shutdownTimeoutMs(), Shutdown.REJOIN_EXIT_CODE));
    }
    return 0;
  }

  private Map<String, String> overrides() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--set expects KEY=VALUE, got '" + s + "'");
      }
      out.put(s.substring(0, eq).trim(), s.substring(eq + 1));
    }
    if (cluster) {
      out.put("cluster.enabled", "true");
    }
    if (httpPort != null) {
      out.put("http.port", httpPort.toString());
    }
    if (feedPort != null) {
      out.put("feed.tcp.port", feedPort.toString());
    }
    if (noSim) {
      out.put("sim.enabled", "false");
    }
    return out;
  }

  static void closeQuietly(Vertx vertx) {
    try {
      Future<Void> closed = vertx.close();
      closed.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.atWarn().log("Vert.x did not close cleanly: {}", e.getMessage());
    }
  }
}
