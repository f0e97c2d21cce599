package io.tickmesh.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickmesh.api.ApiVerticle;
import io.tickmesh.api.RejectLogVerticle;
import io.tickmesh.api.StatsCollector;
import io.tickmesh.api.bridge.TcpBridgeVerticle;
import io.tickmesh.codec.Addresses;
import io.tickmesh.cluster.ClusterView;
import io.tickmesh.cluster.MembershipVerticle;
import io.tickmesh.cluster.RejoinProbeVerticle;
import io.tickmesh.cluster.OutputRelayVerticle;
import io.tickmesh.cluster.ShardOwnershipVerticle;
import io.tickmesh.codec.Codecs;
import com.hazelcast.core.HazelcastInstance;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.config.ConfigException;
import io.tickmesh.config.HostPort;
import io.tickmesh.feed.ItchFeedVerticle;
import io.tickmesh.feed.SimFeedVerticle;
import io.tickmesh.config.VenueFeed;
import io.tickmesh.feed.VenueFeedVerticle;
import io.tickmesh.feed.itch.ItchFileSource;
import io.tickmesh.feed.venue.VenueProtocol;
import io.tickmesh.feed.venue.VenueProtocols;
import io.tickmesh.feed.itch.ItchSession;
import io.tickmesh.feed.itch.ItchSoupSource;
import io.tickmesh.feed.TcpFeedVerticle;
import io.tickmesh.feed.WebSocketFeed;
import io.tickmesh.obs.MeteredVertx;
import io.tickmesh.shard.ShardStart;
import io.tickmesh.shard.ShardVerticle;
import io.tickmesh.store.InstrumentMasterVerticle;
import io.tickmesh.store.Store;
import io.tickmesh.store.StoreWriterVerticle;
import io.tickmesh.store.StoredShard;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Tickmesh node in a Vert.x instance: deploys the reject log, the shards, the feeds and the API by
 * composing Futures, and stops them in the order that loses nothing: feeds first (intake stops, in-flight
 * batches drain into the shards), then last checkpoints and the publishers' last acks, then the final
 * counts are logged, then everything else.
 *
 * <p>Threading: start and stop are asynchronous and may be called from any thread; all state changes
 * happen in the deployed verticles.
 */
public final class TickmeshNode {
  private static final Logger LOG = LoggerFactory.getLogger(TickmeshNode.class);

  private final Vertx vertx;
  private final TickmeshConfig config;
  private final PrometheusMeterRegistry registry;
  private final String nodeId;
  private final List<String> feedDeployments = new ArrayList<>();
  private final List<String> coreDeployments = new ArrayList<>();
  private final HazelcastInstance hazelcast;
  /** The environment variables the venue feeds' credentials are read from, at start. */
  private final UnaryOperator<String> environment;
  private NodePorts ports;
  private Store store;
  private ApiVerticle api;

  private TickmeshNode(Vertx vertx, TickmeshConfig config, PrometheusMeterRegistry registry, HazelcastInstance hazelcast,
      UnaryOperator<String> environment) {
    this.vertx = vertx;
    this.environment = environment;
    this.config = config;
    this.registry = registry;
    this.hazelcast = hazelcast;
    this.nodeId = config.node().id() != null ? config.node().id() : "node-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 35), 36);
  }

  /** Starts a node; the future completes once every listener is bound and the node is ready. */
  public static Future<TickmeshNode> start(MeteredVertx vertx, TickmeshConfig config) {
    return start(vertx, config, System::getenv);
  }

  /** Starts a node whose venue feeds read their credentials from {@code environment} rather than this process's. */
  public static Future<TickmeshNode> start(MeteredVertx vertx, TickmeshConfig config, UnaryOperator<String> environment) {
    TickmeshNode node = new TickmeshNode(vertx.vertx(), config, vertx.registry(), null, environment);
    return node.deployAll().map(node);
  }

  /**
   * Starts a node of a cluster on a clustered Vert.x whose Hazelcast member is {@code hazelcast}: it owns
   * the shards the live members' view gives it, claimed in PostgreSQL (see {@code io.tickmesh.cluster}).
   */
  public static Future<TickmeshNode> startClustered(MeteredVertx vertx, TickmeshConfig config, HazelcastInstance hazelcast) {
    TickmeshNode node = new TickmeshNode(vertx.vertx(), config, vertx.registry(), hazelcast, System::getenv);
    return node.deployAll().map(node);
  }

  /** Starts a node on a Vert.x without metrics: {@code /metrics} then has the {@code tickmesh_*} families only. */
  public static Future<TickmeshNode> start(Vertx vertx, TickmeshConfig config) {
    TickmeshNode node = new TickmeshNode(vertx, config, null, null, System::getenv);
    return node.deployAll().map(node);
  }

  /** This node's id. */
  public String id() {
    return nodeId;
  }

  /** The ports the node listens on. */
  public NodePorts ports() {
    return ports;
  }

  /** The routes of the node's HTTP server. */
  public List<Route> httpRoutes() {
    return api.routes();
  }

  private Future<Void> deployAll() {
    List<VenueProtocol> venueProtocols;
    try { // before anything listens: a credential that cannot be read fails the start
      venueProtocols = config.venues().feeds().stream().map(f -> VenueProtocols.of(f, environment)).toList();
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    Codecs.registerAll(vertx.eventBus());
    String runId = Long.toString(System.currentTimeMillis(), 36);
    Promise<Store> storeOpened = Promise.promise();
    api = new ApiVerticle(config, nodeId, config.http().port(), storeOpened.future(), registry,
        new WebSocketFeed(config, nodeId + ".ws." + runId));
    TcpBridgeVerticle bridge = new TcpBridgeVerticle(config);
    Future<Void> rejectLog = config.store().enabled() // with a store, rejects are read from PostgreSQL
        ? Future.succeededFuture()
        : deploy(coreDeployments, new RejectLogVerticle(config.rejects().retain()));
    return rejectLog
        .compose(v -> deploy(coreDeployments, api)) // first: health answers 503 while the store starts
        .compose(v -> openStore())
        .onComplete(storeOpened)
        .compose(s -> deploy(coreDeployments, new InstrumentMasterVerticle(nodeId, s == null ? null : s.pool(),
            config.feed().requireKnownInstrument())).map(s))
        .compose(s -> hazelcast == null ? deployShards(s) : deployOwnership(s))
        .compose(v -> deploy(coreDeployments, bridge))
        .compose(v -> deployFeeds(runId, venueProtocols).map(feedPort -> new NodePorts(api.actualPort(), feedPort, bridge.actualPort(), store == null ? 0 : store.embeddedPort())))
        .compose(p -> {
          ports = p;
          return PortsFile.write(vertx, config.node().portsFile(), p);
        })
        .compose(v -> {
          vertx.eventBus().publish(ApiVerticle.NODE_STATE, "ready");
          LOG.atInfo()
              .addKeyValue("node", nodeId)
              .addKeyValue("http", ports.http())
              .addKeyValue("feed", ports.feed())
              .addKeyValue("bridge", ports.bridge())
              .addKeyValue("shards", config.shards().count())
              .addKeyValue("sim", config.sim().enabled())
              .log("node {} ready: HTTP on {} (WebSocket feed at /feed), TCP feed on {}, TCP bridge on {}", nodeId, ports.http(), ports.feed(), ports.bridge());
          return Future.<Void>succeededFuture();
        });
  }

  /** The store, opened and with its writer deployed; null when {@code store.enabled} is false. */
  private Future<Store> openStore() {
    if (!config.store().enabled()) {
      return Future.succeededFuture(null);
    }
    return Store.open(vertx, config, nodeId).compose(s -> {
      store = s;
      return deploy(coreDeployments, new StoreWriterVerticle(config, s.pool())).map(s);
    });
  }

  /**
   * A cluster node's shards: its view of the members, and the verticle that claims and runs the shards
   * the view gives it (none until a quorum of members is live).
   */
  private Future<Void> deployOwnership(Store opened) {
    Codecs.registerLocal(vertx.eventBus(), ClusterView.class);
    Codecs.registerLocal(vertx.eventBus(), io.tickmesh.model.ShardOutputs.class);
    // the membership last: its first view finds those who follow views listening, and the others count this
    // node only once its membership verticle says it is ready (MembershipVerticle.names)
    return deploy(coreDeployments, new OutputRelayVerticle(nodeId, config.shards().count()))
        .compose(v -> deploy(coreDeployments, new ShardOwnershipVerticle(config, nodeId, new StoreLedger(opened))))
        .compose(v -> deploy(coreDeployments, new RejoinProbeVerticle(nodeId, config.node().host())))
        .compose(v -> deploy(coreDeployments, new MembershipVerticle(hazelcast, nodeId, config.cluster().expectedSize())));
  }

  private Future<Void> deployShards(Store opened) {
    List<Future<String>> all = new ArrayList<>();
    long restoreStart = System.nanoTime();
    for (int n = 0; n < config.shards().count(); n++) {
      StoredShard stored = opened == null ? null : opened.shards().get(n);
      ShardStart start = stored == null ? ShardStart.withoutStore(nodeId) : new ShardStart(nodeId, stored.epoch(), stored.checkpointId(), stored.state());
      all.add(vertx.deployVerticle(new ShardVerticle(n, config, start)));
    }
    if (opened != null) {
      long restored = opened.shards().values().stream().filter(s -> s.state() != null).count();
      Future.all(all).onSuccess(v -> LOG.atInfo()
          .addKeyValue("shards", config.shards().count())
          .addKeyValue("restored", restored)
          .addKeyValue("restoreMs", (System.nanoTime() - restoreStart) / 1_000_000)
          .log("shards started: {} restored from their last durable checkpoint", restored));
    }
    return Future.all(all).map(v -> {
      all.forEach(f -> coreDeployments.add(f.result()));
      return null;
    });
  }

  /**
   * Deploys the TCP listeners as one deployment of {@code feed.tcp.instances} instances, so they share
   * the port (also a random one when the port is 0), then the simulator.
   */
  private Future<Integer> deployFeeds(String runId, List<VenueProtocol> venueProtocols) {
    Future<Integer> port = feedPort().compose(p -> deployListeners(p, runId));
    if (config.sim().enabled()) {
      port = port.compose(p -> deploy(feedDeployments, new SimFeedVerticle(config, "sim-" + runId)).map(p));
    }
    if (config.itch().enabled()) {
      port = port.compose(p -> itchFeed().compose(feed -> deploy(feedDeployments, feed)).map(p));
    }
    for (int i = 0; i < venueProtocols.size(); i++) {
      VenueFeed venue = config.venues().feeds().get(i);
      VenueProtocol protocol = venueProtocols.get(i);
      port = port.compose(p -> deploy(feedDeployments, new VenueFeedVerticle(config, venue, protocol)).map(p));
    }
    return port;
  }

  /**
   * The port all listener instances share. Vert.x shares a random port (0) only within one server, so
   * with several instances a free port is chosen first (a socket call, hence on a worker).
   */
  private Future<Integer> feedPort() {
    int configured = config.feed().tcpPort();
    if (configured != 0 || config.feed().tcpInstances() == 1) {
      return Future.succeededFuture(configured);
    }
    return vertx.executeBlocking(() -> {
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(config.node().host()))) {
        return probe.getLocalPort();
      }
    });
  }

  private Future<Integer> deployListeners(int port, String runId) {
    List<TcpFeedVerticle> listeners = new ArrayList<>();
    for (int i = 0; i < config.feed().tcpInstances(); i++) {
      listeners.add(new TcpFeedVerticle(config, i, port, nodeId + ".t" + i + "." + runId));
    }
    Iterator<TcpFeedVerticle> next = listeners.iterator(); // Vert.x calls the supplier once per instance, in order
    DeploymentOptions options = new DeploymentOptions().setInstances(listeners.size());
    return vertx.deployVerticle(next::next, options).map(id -> {
      feedDeployments.add(id);
      return listeners.get(0).actualPort();
    });
  }

  /**
   * The configured ITCH feed: its session and source. Fails naming the key when both or neither source is
   * set, the file is missing, or no date can be had.
   */
  private Future<ItchFeedVerticle> itchFeed() {
    TickmeshConfig.Itch itch = config.itch();
    if (itch.file() != null && itch.soup() != null) {
      return Future.failedFuture(new ConfigException("itch.file and itch.soup are both set: an ITCH feed reads one session"));
    }
    try {
      if (itch.soup() != null) {
        HostPort server = HostPort.parse(itch.soup());
        ItchSession session = ItchSession.live(itch.session(), itch.date(), itch.timeZone(), itch.ratePerSec());
        return Future.succeededFuture(new ItchFeedVerticle(config, session,
            new ItchSoupSource(vertx, server.host(), server.port(), itch.soupUser(), itch.soupPassword())));
      }
      java.nio.file.Path file = java.nio.file.Path.of(itch.file());
      ItchSession session = ItchSession.of(file, itch.session(), itch.date(), itch.timeZone(), itch.ratePerSec());
      return vertx.fileSystem().exists(itch.file()).compose(exists -> exists
          ? Future.succeededFuture(new ItchFeedVerticle(config, session, new ItchFileSource(vertx, file, session.ratePerSec())))
          : Future.failedFuture(new ConfigException("itch.file: no such file: " + itch.file())));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new ConfigException(e.getMessage(), e));
    }
  }

  private Future<Void> deploy(List<String> into, io.vertx.core.Deployable verticle) {
    return vertx.deployVerticle(verticle).map(id -> {
      into.add(id);
      return null;
    });
  }

  /**
   * Stops intake, drains every in-flight batch into the shards, takes a last checkpoint of each shard,
   * writes everything to the store (so those checkpoints are durable), sends the publishers their last
   * acks and closes their connections, writes the feed positions of those acks, logs the final counts,
   * then undeploys the rest and closes the store. The future completes when the node has stopped; Vert.x
   * itself is left to the caller.
   */
  public Future<JsonObject> stop() {
    vertx.eventBus().publish(ApiVerticle.NODE_STATE, "draining");
    LOG.atInfo().addKeyValue("node", nodeId).log("stopping: intake paused, draining in-flight batches");
    NodeDrain drain = new NodeDrain(vertx, config);
    return drain.feeds()
        .compose(v -> store == null ? Future.succeededFuture() : hazelcast != null ? drain.handOverShards() : drain.checkpointsAndStore())
        .compose(v -> drain.closeFeeds())
        .compose(v -> store == null ? Future.succeededFuture() : drain.store())
        .compose(v -> finalCounts())
        .onSuccess(this::logFinalCounts)
        .compose(counts -> undeploy(feedDeployments).compose(v -> undeploy(coreDeployments)).map(counts))
        .compose(counts -> store == null ? Future.succeededFuture(counts) : store.close(vertx).map(counts));
  }

  /**
   * The counts of the end. A cluster node has handed its shards over by now, and the other nodes may be
   * stopping too, so it counts what its own feeds read: asking every shard could find one no node serves.
   */
  private Future<JsonObject> finalCounts() {
    StatsCollector stats = new StatsCollector(vertx.eventBus(), config);
    return hazelcast != null ? stats.feedTotals() : stats.collect();
  }

  private void logFinalCounts(JsonObject stats) {
    if (hazelcast != null) {
      LOG.atInfo().addKeyValue("node", nodeId).addKeyValue("ticksIn", stats.getLong("ticksIn"))
          .addKeyValue("ticksRejected", stats.getLong("ticksRejected"))
          .log("final counts of this node's feeds (its shards were handed over): ticksIn={} ticksRejected={}",
              stats.getLong("ticksIn"), stats.getLong("ticksRejected"));
      return;
    }
    LOG.atInfo()
        .addKeyValue("node", nodeId)
        .addKeyValue("ticksIn", stats.getLong("ticksIn"))
        .addKeyValue("ticksApplied", stats.getLong("ticksApplied"))
        .addKeyValue("ticksRejected", stats.getLong("ticksRejected"))
        .addKeyValue("barsClosed", stats.getLong("barsClosed"))
        .log("final counts: ticksIn={} ticksApplied={} ticksRejected={}", stats.getLong("ticksIn"), stats.getLong("ticksApplied"), stats.getLong("ticksRejected"));
  }

  private Future<Void> undeploy(List<String> deployments) {
    List<Future<Void>> all = new ArrayList<>();
    for (String id : deployments) {
      all.add(vertx.undeploy(id));
    }
    return Future.join(all).mapEmpty();
  }
}
