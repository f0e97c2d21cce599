package io.tickmesh.feed;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TickBatch;
import io.tickmesh.obs.WallClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.List;

/**
 * A feed of ticks already built as model records, with no text to read: routes them with a
 * {@link ShardRouter} as the simulator and the ITCH feed do (batches per shard, request/ack on the
 * shards' addresses), one chunk per turn of its event loop, and pauses while {@code feed.maxPendingTicks}
 * wait for their shards, resuming at half of it. {@link #done()} completes once every tick was answered
 * by its shard. {@code tickmesh bench-inproc} measures the in-process path with it.
 *
 * <p>Consumes and publishes nothing of its own. Owns: its place in the list, the router and its ack
 * tracker. Threading: everything runs on its event loop.
 */
public final class MemoryFeedVerticle extends VerticleBase implements ShardRouter.Listener {
  /** What routing the whole list took: wall time from the first tick routed to the last answered. */
  public record Outcome(long nanos, long applied, long rejected) {}

  private final TickmeshConfig config;
  private final String source;
  private final List<? extends Tick> ticks;
  private final int chunk;
  private final Promise<Outcome> done = Promise.promise();
  private ShardRouter router;
  private AckTracker tracker;
  private int next;
  private boolean paused;
  private long startNanos;
  private long applied;
  private long rejected;

  /** Routes {@code ticks} as source {@code source}, {@code chunk} ticks per turn of the event loop. */
  public MemoryFeedVerticle(TickmeshConfig config, String source, List<? extends Tick> ticks, int chunk) {
    if (ticks.isEmpty() || chunk < 1) {
      throw new IllegalArgumentException("a memory feed needs ticks and a chunk of at least one");
    }
    this.config = config;
    this.source = source;
    this.ticks = ticks;
    this.chunk = chunk;
  }

  /** Completes once every tick was answered by its shard. */
  public Future<Outcome> done() {
    return done.future();
  }

  @Override
  public Future<?> start() {
    tracker = new AckTracker((feed, seq) -> {});
    router = new ShardRouter(vertx, source, config.shards().count(), ShardRouter.Settings.of(config), this);
    context.runOnContext(v -> produce());
    return Future.succeededFuture();
  }

  /** Routes the next chunk; goes on at the next turn unless the shards hold the bound. */
  private void produce() {
    if (startNanos == 0) {
      startNanos = System.nanoTime();
    }
    long ingestNanos = WallClock.nanos();
    AckTracker.Segment segment = tracker.open();
    int end = Math.min(ticks.size(), next + chunk);
    for (; next < end; next++) {
      tracker.routed(segment);
      router.add(ticks.get(next), segment, ingestNanos);
    }
    tracker.seal(segment);
    router.flush();
    if (next == ticks.size()) {
      return;
    }
    if (router.pending() >= config.feed().maxPendingTicks()) {
      paused = true;
    } else {
      context.runOnContext(v -> produce());
    }
  }

  @Override
  public void answered(TickBatch batch, BatchAck ack) {
    applied += ack.applied();
    rejected += ack.rejects().size();
  }

  @Override
  public void settled(SegmentRuns runs) {
    runs.answerAll(tracker);
  }

  @Override
  public void pendingChanged(int pending) {
    if (paused && pending <= config.feed().maxPendingTicks() / 2) {
      paused = false;
      context.runOnContext(v -> produce());
    }
    if (pending == 0 && next == ticks.size()) {
      done.tryComplete(new Outcome(System.nanoTime() - startNanos, applied, rejected));
    }
  }
}
