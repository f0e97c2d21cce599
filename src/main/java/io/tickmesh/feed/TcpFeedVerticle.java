package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.FeedPositions;
import io.tickmesh.model.ShardClaimed;
import io.tickmesh.obs.WallClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for publishers on the TCP JSON-lines feed port. Several instances share the port (Vert.x
 * spreads connections over them); each owns the connections it accepted and their counters.
 *
 * <p>A connection stays here until its socket is closed and every line it read is acknowledged, so the
 * durable announcements that arrive after its publisher left still produce its last acks and positions.
 *
 * <p>A closed connection's assigned feed ({@code auto:<connection>}) is forgotten once everything it
 * read is durable: its counters join one aggregate ({@code forgottenFeeds} in the stats reply), the shards
 * it sent to drop it, and its position is never recorded; named feeds stay.
 *
 * <p>Its connections are bounded in number and idle time by {@link ListenerBounds}.
 *
 * <p>Consumes {@code tm.feed.tcp.<i>.stats} (reply: per-feed counters), {@code tm.feed.tcp.<i>.drain}
 * and {@code tm.feed.tcp.<i>.close} (the two steps of a graceful stop), {@code tm.store.durable},
 * {@code tm.store.pressure}. Sends feed positions to {@code tm.store.write}. Owns: its connections, the
 * counters of connections already closed. Threading: everything runs on this verticle's event loop.
 */
public final class TcpFeedVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TcpFeedVerticle.class);

  private final TickmeshConfig config;
  private final int instance;
  private final int port;
  private final String idPrefix;
  private final Map<String, FeedConnection> connections = new LinkedHashMap<>();
  private final ClosedFeeds closedFeeds = new ClosedFeeds();
  private ListenerBounds bounds;
  private NetServer server;
  private long connectionCount;
  private boolean stopping;
  private Future<Void> drained;
  private Future<Void> finished;
  private boolean storePressure;
  private boolean noQuorum;
  private final Map<String, Long> ackedPositions = new HashMap<>();
  private final InstrumentGate instruments = new InstrumentGate();

  /** Instance {@code instance} listening on {@code port} (0 = any); feed ids start with {@code idPrefix}. */
  public TcpFeedVerticle(TickmeshConfig config, int instance, int port, String idPrefix) {
    this.config = config;
    this.instance = instance;
    this.port = port;
    this.idPrefix = idPrefix;
  }

  @Override
  public Future<?> start() {
    bounds = new ListenerBounds(vertx, config.feed(), instance);
    server =
        vertx.createNetServer(
            new NetServerOptions()
                .setHost(config.node().host())
                .setPort(port)
                .setTcpNoDelay(true)
                .setReuseAddress(true));
    server.connectHandler(this::accept);
    var stats = vertx.eventBus().<JsonObject>localConsumer(Addresses.tcpFeedStats(instance), this::stats);
    var drains =
        vertx.eventBus().<JsonObject>localConsumer(
            Addresses.tcpFeedDrain(instance), m -> drain().onComplete(v -> m.reply(new JsonObject())));
    var closes =
        vertx.eventBus().<JsonObject>localConsumer(
            Addresses.tcpFeedClose(instance),
            m -> finish(m.body().getLong("withinMs", config.node().shutdownTimeoutMs())).onComplete(v -> m.reply(new JsonObject())));
    // Cluster-wide: the checkpoints of a shard this node's feeds sent to may be written by another node.
    var durable = vertx.eventBus().<DurableCheckpoints>consumer(Addresses.STORE_DURABLE,
        // a copy: a connection that closed ends when its last acks go out, and removes itself from the map
        m -> List.copyOf(connections.values()).forEach(c -> c.durable(m.body())));
    var pressure = vertx.eventBus().<Boolean>localConsumer(Addresses.STORE_PRESSURE, m -> {
      storePressure = m.body();
      List.copyOf(connections.values()).forEach(c -> c.storePressure(intakePaused()));
    });
    // A cluster node without a quorum owns no shard: it stops reading until a majority is back.
    var clusterStates = vertx.eventBus().<JsonObject>localConsumer(Addresses.CLUSTER_STATE, m -> {
      noQuorum = !m.body().getBoolean("quorum", false);
      List.copyOf(connections.values()).forEach(c -> c.storePressure(intakePaused()));
    });
    if (config.store().enabled()) {
      var unused = vertx.setPeriodic(1_000, id -> recordPositions());
    }
    long idleMs = config.feed().idleTimeoutMs();
    if (idleMs > 0) {
      var unused = vertx.setPeriodic(Math.max(50, Math.min(1_000, idleMs / 4)), id -> bounds.closeIdle(connections.values(), idleMs * 1_000_000));
    }
    var claims = vertx.eventBus().<ShardClaimed>consumer(Addresses.SHARD_CLAIMED,
        m -> List.copyOf(connections.values()).forEach(c -> c.claimed(m.body())));
    if (config.cluster().enabled()) {
      var unused = vertx.setPeriodic(1_000, id -> connections.values().forEach(c -> c.checkStale(System.nanoTime())));
    }
    return Future.all(List.of(stats.completion(), drains.completion(), closes.completion(), durable.completion(),
            pressure.completion(), claims.completion(), clusterStates.completion()))
        .compose(v -> instruments.follow(vertx, config.feed().requireKnownInstrument()))
        .compose(v -> server.listen());
  }

  /** Intake pauses while the store is behind, and on a cluster node without a quorum. */
  private boolean intakePaused() {
    return storePressure || noQuorum;
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void accept(NetSocket socket) {
    if (stopping) {
      var unused = socket.close();
      return;
    }
    if (!bounds.admits(connections.size())) {
      bounds.refuse(socket);
      return;
    }
    String id = idPrefix + "." + (++connectionCount);
    FeedConnection connection = new FeedConnection(vertx, socket, id, config, instruments, this::acked);
    connections.put(id, connection);
    connection.storePressure(intakePaused());
    connection.start().onComplete(done -> closed(connection));
  }

  /** Named feeds only: an assigned feed can never be resent, so its position is of no use to anyone. */
  private void acked(String feed, long seq) {
    if (!FeedIds.isAssigned(feed)) {
      ackedPositions.merge(feed, seq, Math::max);
    }
  }

  /**
   * The connection is closed and everything it read is durable: its assigned feed is forgotten. Not by
   * the shards while the node stops: their last checkpoint is taken, and a change now would only make
   * them write another one as the store closes.
   */
  private void closed(FeedConnection connection) {
    connections.remove(connection.id());
    connection.counters(closedFeeds::add);
    if (!stopping) {
      connection.forgetAtShards();
    }
  }

  private void stats(Message<JsonObject> request) {
    Map<String, FeedSequences.Counters> totals = new HashMap<>();
    closedFeeds.addNamedTo(totals);
    int pending = 0;
    long[] byShard = new long[config.shards().count()];
    for (FeedConnection connection : connections.values()) {
      connection.counters((feed, c) -> c.addTo(totals.computeIfAbsent(feed, f -> new FeedSequences.Counters())));
      pending += connection.pending();
      connection.addPendingByShard(byShard);
    }
    JsonObject feeds = new JsonObject();
    long now = WallClock.nanos();
    totals.forEach((feed, c) -> feeds.put(feed, c.toJson(now).put("kind", "tcp")));
    request.reply(
        bounds.addTo(new JsonObject())
            .put("feeds", feeds)
            .put("forgottenFeeds", closedFeeds.forgottenJson())
            .put("connections", connections.size())
            .put("pendingTicks", pending)
            .put("pendingByShard", new JsonArray(LongStream.of(byShard).boxed().toList())));
  }

  /** Stops reading, and completes once shards answered every tick already read. */
  private Future<Void> drain() {
    if (drained == null) {
      stopping = true;
      List<Future<Void>> drains = new ArrayList<>();
      for (FeedConnection connection : List.copyOf(connections.values())) {
        connection.stopIntake();
        drains.add(connection.drained());
      }
      LOG.atInfo()
          .addKeyValue("instance", instance)
          .addKeyValue("connections", drains.size())
          .log("feed listener draining: intake paused, waiting for in-flight batches");
      drained = Future.join(drains).mapEmpty();
    }
    return drained;
  }

  /**
   * After {@link #drain()}: waits until every connection's lines are acknowledged (their checkpoints
   * durable, the acks written), at most about {@code withinMs}; then closes the sockets once the acks
   * are flushed, and hands the last positions to the store.
   */
  private Future<Void> finish(long withinMs) {
    if (finished == null) {
      long closeMs = Math.min(withinMs / 2, 1_000);
      List<FeedConnection> open = new ArrayList<>(connections.values());
      finished = drain()
          .compose(v -> Future.join(open.stream().map(FeedConnection::settled).toList())
              .timeout(Math.max(1, withinMs - 2 * closeMs), TimeUnit.MILLISECONDS))
          .<Void>transform(ar -> {
            if (ar.failed()) {
              LOG.atWarn().addKeyValue("instance", instance)
                  .log("some acks were not durable in time; closing their connections without them: {}", ar.cause().getMessage());
            }
            return Future.join(open.stream().map(c -> c.close(closeMs)).toList()).mapEmpty();
          })
          .onComplete(v -> recordPositions());
    }
    return finished;
  }

  /** Hands the acknowledged positions that moved since last time to the store. */
  private void recordPositions() {
    if (config.store().enabled() && !ackedPositions.isEmpty()) {
      vertx.eventBus().send(Addresses.STORE_WRITE, new FeedPositions(ackedPositions, WallClock.nanos()));
      ackedPositions.clear();
    }
  }

  /** Drains and finishes (if not done yet), then closes the listener. */
  @Override
  public Future<?> stop() {
    return finish(config.node().shutdownTimeoutMs()).compose(v -> server.close());
  }
}
