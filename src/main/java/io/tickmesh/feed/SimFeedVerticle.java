package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.ShardClaimed;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TickBatch;
import io.tickmesh.obs.WallClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated feed: a seeded {@link RandomWalk} at {@code sim.ratePerSec}, stamped with the wall clock,
 * routed like any other feed. When shards fall behind (pending ticks at the bound) it produces nothing
 * until they catch up: the simulator is the source, so pausing it is its flow control.
 *
 * <p>Consumes {@code tm.feed.sim.stats}. Owns: the walk and its counters. Threading: its event loop.
 */
public final class SimFeedVerticle extends VerticleBase implements ShardRouter.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(SimFeedVerticle.class);
  private static final long PERIOD_MS = 10;

  private final TickmeshConfig config;
  private final String feedId;
  private final FeedSequences.Counters counters = new FeedSequences.Counters();
  private final SourceDrain draining = new SourceDrain();
  private RandomWalk walk;
  private ShardRouter router;
  private AckTracker tracker;
  private long timer;
  private long lastRunNanos;
  private long credit;
  private boolean storePressure;

  /** A simulator publishing as feed {@code feedId}. */
  public SimFeedVerticle(TickmeshConfig config, String feedId) {
    this.config = config;
    this.feedId = feedId;
  }

  @Override
  public Future<?> start() {
    TickmeshConfig.Sim sim = config.sim();
    walk = new RandomWalk(sim.symbols(), sim.seed(), feedId, 30);
    tracker = new AckTracker((feed, seq) -> {});
    router = new ShardRouter(vertx, feedId, config.shards().count(), ShardRouter.Settings.of(config), this);
    lastRunNanos = System.nanoTime();
    timer = vertx.setPeriodic(PERIOD_MS, id -> produce());
    LOG.atInfo()
        .addKeyValue("feed", feedId)
        .addKeyValue("symbols", sim.symbols())
        .addKeyValue("ratePerSec", sim.ratePerSec())
        .log("simulated feed started");
    var stats = vertx.eventBus().<JsonObject>localConsumer(Addresses.SIM_STATS, this::stats);
    var drains =
        vertx.eventBus().<JsonObject>localConsumer(
            Addresses.SIM_DRAIN, m -> drain().onComplete(v -> m.reply(new JsonObject())));
    var pressure = vertx.eventBus().<Boolean>localConsumer(Addresses.STORE_PRESSURE, m -> storePressure = m.body());
    var durable = vertx.eventBus().<DurableCheckpoints>consumer(Addresses.STORE_DURABLE, m -> router.durable(m.body()));
    var claims = vertx.eventBus().<ShardClaimed>consumer(Addresses.SHARD_CLAIMED, m -> router.claimed(m.body().shard(), m.body().epoch()));
    if (config.cluster().enabled()) {
      var unused = vertx.setPeriodic(1_000, id -> router.checkStale(System.nanoTime()));
    }
    return Future.all(List.of(stats.completion(), drains.completion(), pressure.completion(), durable.completion(), claims.completion()));
  }

  private void produce() {
    long now = System.nanoTime();
    long elapsed = Math.min(now - lastRunNanos, 1_000_000_000L);
    lastRunNanos = now;
    if (storePressure || router.pending() >= config.feed().maxPendingTicks() || router.parked() >= 4 * config.feed().maxPendingTicks()) {
      return; // the simulator is the source: pausing it is its flow control
    }
    credit += config.sim().ratePerSec() * elapsed; // ticks x nanoseconds; the remainder carries over
    long due = credit / 1_000_000_000L;
    credit -= due * 1_000_000_000L;
    AckTracker.Segment segment = tracker.open();
    long ts = WallClock.nanos();
    if (due > 0) {
      counters.lastInNanos = ts;
    }
    for (long i = 0; i < due; i++) {
      Tick tick = walk.next(ts + i);
      counters.ticksIn++;
      counters.lastSeq = tick.seq();
      segment.note(feedId, tick.seq());
      tracker.routed(segment);
      router.add(tick, segment, ts);
    }
    tracker.seal(segment);
    router.flush();
  }

  private void stats(Message<JsonObject> request) {
    request.reply(router.statsReply(feedId, counters.toJson(WallClock.nanos()).put("kind", "sim")));
  }

  @Override
  public void answered(TickBatch batch, BatchAck ack) {
    // no publisher to tell: the simulator's rejects are published by the shard and counted there
  }

  @Override
  public void settled(SegmentRuns runs) {
    runs.answerAll(tracker);
  }

  @Override
  public void pendingChanged(int pending) {
    draining.pendingChanged(pending);
  }

  /** Stops producing and completes once every tick produced is handled by its shard. */
  private Future<Void> drain() {
    return draining.drain(() -> {
      var unused = vertx.cancelTimer(timer);
    }, router.pending());
  }

  @Override
  public Future<?> stop() {
    return drain();
  }
}
