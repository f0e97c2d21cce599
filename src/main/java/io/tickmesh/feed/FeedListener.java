package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.FeedPositions;
import io.tickmesh.model.ShardClaimed;
import io.tickmesh.obs.WallClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishers' connections of one feed listener, whatever their transport: a TCP listener instance
 * ({@link TcpFeedVerticle}) or the WebSocket feed ({@link WebSocketFeed}). Its owner hands it each new
 * connection's {@link FeedTransport}; it keeps the connection until it is closed and every line it read is
 * acknowledged, so the durable announcements that arrive after its publisher left still produce its last
 * acks and positions.
 *
 * <p>A closed connection's assigned feed ({@code auto:<connection>}) is forgotten once everything it
 * read is durable: its counters join one aggregate ({@code forgottenFeeds} in the stats reply), the shards
 * it sent to drop it, and its position is never recorded; named feeds stay. Its connections are bounded in
 * number and idle time by {@link ListenerBounds}.
 *
 * <p>Consumes {@code tm.feed.<name>.stats} (reply: per-feed counters), {@code tm.feed.<name>.drain} and
 * {@code tm.feed.<name>.close} (the two steps of a graceful stop), {@code tm.store.durable},
 * {@code tm.store.pressure}, {@code tm.shard.claimed}, {@code tm.cluster.state}. Sends feed positions to
 * {@code tm.store.write}. Owns: its connections, the counters of connections already closed. Threading:
 * created, started and used on its owner's context, where every consumer and timer of it runs.
 */
final class FeedListener {
  private static final Logger LOG = LoggerFactory.getLogger(FeedListener.class);

  private final Vertx vertx;
  private final TickmeshConfig config;
  private final String name;
  private final String transport;
  private final String idPrefix;
  private final ListenerBounds bounds;
  private final Map<String, FeedConnection> connections = new LinkedHashMap<>();
  private final ClosedFeeds closedFeeds = new ClosedFeeds();
  private final Map<String, Long> ackedPositions = new HashMap<>();
  private final InstrumentGate instruments = new InstrumentGate();
  private long connectionCount;
  private boolean stopping;
  private Future<Void> drained;
  private Future<Void> finished;
  private boolean storePressure;
  private boolean noQuorum;

  /**
   * Listener {@code name} (its addresses are {@code tm.feed.<name>.*}) of connections over
   * {@code transport} ({@code tcp} or {@code ws}, the {@code kind} of its feeds in the stats); connection
   * ids start with {@code idPrefix}.
   */
  FeedListener(Vertx vertx, TickmeshConfig config, String name, String transport, String idPrefix, ListenerBounds bounds) {
    this.vertx = vertx;
    this.config = config;
    this.name = name;
    this.transport = transport;
    this.idPrefix = idPrefix;
    this.bounds = bounds;
  }

  /** Registers the consumers and timers on the calling context; completes once they are registered. */
  Future<Void> start() {
    var stats = vertx.eventBus().<JsonObject>localConsumer(Addresses.feedStats(name), this::stats);
    var drains = vertx.eventBus().<JsonObject>localConsumer(
        Addresses.feedDrain(name), m -> drain().onComplete(v -> m.reply(new JsonObject())));
    var closes = vertx.eventBus().<JsonObject>localConsumer(Addresses.feedClose(name),
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
        .mapEmpty();
  }

  /**
   * With {@code feed.requireKnownInstrument}, starts following the node's instrument master (it must be
   * deployed); completes once the gate has its first copy. Before that, no connection may be accepted.
   */
  Future<Void> followInstruments() {
    return instruments.follow(vertx, config.feed().requireKnownInstrument());
  }

  /** True once the node stops: new connections are turned away. */
  boolean stopping() {
    return stopping;
  }

  /** Intake pauses while the store is behind, and on a cluster node without a quorum. */
  private boolean intakePaused() {
    return storePressure || noQuorum;
  }

  /**
   * A new connection, whose transport {@code open} makes given the connection's id: served, refused past
   * the cap (told why), or closed at once while the node stops.
   */
  void accept(Function<String, FeedTransport> open) {
    if (stopping) {
      open.apply("refused").end(Farewell.STOPPING, 0);
      return;
    }
    if (!bounds.admits(connections.size())) {
      bounds.refuse(open.apply("refused"));
      return;
    }
    String id = idPrefix + "." + (++connectionCount);
    FeedConnection feed = new FeedConnection(vertx, open.apply(id), id, config, instruments, this::acked);
    connections.put(id, feed);
    feed.storePressure(intakePaused());
    feed.start().onComplete(done -> closed(feed));
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
    int notReading = 0;
    long[] byShard = new long[config.shards().count()];
    for (FeedConnection connection : connections.values()) {
      connection.counters((feed, c) -> c.addTo(totals.computeIfAbsent(feed, f -> new FeedSequences.Counters())));
      pending += connection.pending();
      notReading += connection.notReading() ? 1 : 0;
      connection.addPendingByShard(byShard);
    }
    JsonObject feeds = new JsonObject();
    long now = WallClock.nanos();
    totals.forEach((feed, c) -> feeds.put(feed, c.toJson(now).put("kind", transport)));
    request.reply(
        bounds.addTo(new JsonObject())
            .put("transport", transport)
            .put("feeds", feeds)
            .put("forgottenFeeds", closedFeeds.forgottenJson())
            .put("connections", connections.size())
            .put("pausedNotReading", notReading)
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
          .addKeyValue("listener", name)
          .addKeyValue("connections", drains.size())
          .log("feed listener draining: intake paused, waiting for in-flight batches");
      drained = Future.join(drains).mapEmpty();
    }
    return drained;
  }

  /**
   * After {@link #drain()} (done here if not yet): waits until every connection's lines are acknowledged
   * (their checkpoints durable, the acks written), at most about {@code withinMs}; then closes the
   * connections once the acks are flushed, and hands the last positions to the store.
   */
  Future<Void> finish(long withinMs) {
    if (finished == null) {
      long closeMs = Math.min(withinMs / 2, 1_000);
      List<FeedConnection> open = new ArrayList<>(connections.values());
      finished = drain()
          .compose(v -> Future.join(open.stream().map(FeedConnection::settled).toList())
              .timeout(Math.max(1, withinMs - 2 * closeMs), TimeUnit.MILLISECONDS))
          .<Void>transform(ar -> {
            if (ar.failed()) {
              LOG.atWarn().addKeyValue("listener", name)
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
}
