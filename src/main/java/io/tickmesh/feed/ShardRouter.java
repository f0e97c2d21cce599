package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.Symbols;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TickBatch;
import io.tickmesh.obs.PathLog;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the ticks of one source to the shards that own their symbols, in batches, with request/ack. Each
 * shard gets at most one batch in flight from this source, so a shard sees the source's ticks in order
 * and a resent batch (same number) is recognised; meanwhile new ticks for that shard fill the next batch,
 * which is how batches grow under load. A batch is resent until acknowledged: nothing is ever dropped.
 *
 * <p>Threading: created and used on the source's context only; replies and timers arrive there too.
 */
public final class ShardRouter {
  /** What the source learns from the router. */
  public interface Listener {
    /** Shard answered a batch; {@code runs} says which segments its ticks came from. */
    void answered(TickBatch batch, BatchAck ack, SegmentRuns runs);

    /** Pending ticks fell to {@code pending} after an answer. */
    void pendingChanged(int pending);
  }

  private static final Logger LOG = LoggerFactory.getLogger(ShardRouter.class);
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final String source;
  private final int batchSize;
  private final long timeoutMs;
  private final Listener listener;
  private final Lane[] lanes;
  private final ArrayList<Lane> unsent = new ArrayList<>();
  private int pending;

  /** Routes for {@code source} over {@code shards} shards. */
  public ShardRouter(
      Vertx vertx, String source, int shards, int batchSize, long timeoutMs, Listener listener) {
    this.vertx = vertx;
    this.source = source;
    this.batchSize = batchSize;
    this.timeoutMs = timeoutMs;
    this.listener = listener;
    this.lanes = new Lane[shards];
    for (int i = 0; i < shards; i++) {
      lanes[i] = new Lane(i);
    }
  }

  /** Queues a tick for its shard; it is sent by the next {@link #flush()}. */
  public void add(Tick tick, AckTracker.Segment segment, long ingestNanos) {
    Lane lane = lanes[Symbols.shardOf(tick.symbol(), lanes.length)];
    if (!lane.hasUnsent()) {
      unsent.add(lane);
    }
    lane.add(tick, segment, ingestNanos);
    pending++;
  }

  /** Sends the queued ticks of every shard that has no batch in flight. */
  public void flush() {
    for (int i = unsent.size() - 1; i >= 0; i--) {
      Lane lane = unsent.get(i);
      if (lane.inFlight == null) {
        lane.sendNext();
      }
      if (!lane.hasUnsent()) {
        unsent.set(i, unsent.get(unsent.size() - 1));
        unsent.remove(unsent.size() - 1);
      }
    }
  }

  /** Ticks queued or in flight. */
  public int pending() {
    return pending;
  }

  /** Visits each shard this source has sent a batch to. */
  public void forEachShardSentTo(IntConsumer visitor) {
    for (Lane lane : lanes) {
      if (lane.nextBatchNo > 1) {
        visitor.accept(lane.shard);
      }
    }
  }

  /** Adds the ticks queued or in flight to each shard into {@code byShard} (indexed by shard). */
  public void addPendingByShard(long[] byShard) {
    for (Lane lane : lanes) {
      byShard[lane.shard] += lane.pending();
    }
  }

  /** One shard's queue: the batch in flight, full batches waiting, and the batch being filled. */
  private final class Lane {
    private final int shard;
    private final String address;
    private final ArrayDeque<OpenBatch> waiting = new ArrayDeque<>();
    private OpenBatch filling;
    private OpenBatch inFlight;
    private long nextBatchNo = 1;

    Lane(int shard) {
      this.shard = shard;
      this.address = Addresses.shard(shard);
    }

    boolean hasUnsent() {
      return filling != null || !waiting.isEmpty();
    }

    int pending() {
      int n = inFlight == null ? 0 : inFlight.ticks.size();
      for (OpenBatch batch : waiting) {
        n += batch.ticks.size();
      }
      return filling == null ? n : n + filling.ticks.size();
    }

    void add(Tick tick, AckTracker.Segment segment, long ingestNanos) {
      if (filling == null) {
        filling = new OpenBatch(batchSize, ingestNanos);
      }
      filling.add(tick, segment);
      if (filling.ticks.size() >= batchSize) {
        waiting.addLast(filling);
        filling = null;
      }
    }

    void sendNext() {
      OpenBatch next = waiting.pollFirst();
      if (next == null) {
        next = filling;
        filling = null;
      }
      if (next == null) {
        return;
      }
      long no = nextBatchNo++;
      String cid = source + "-" + shard + "-" + no;
      next.sealed = new TickBatch(source, no, shard, cid, next.ingestNanos, next.ticks);
      if (PathLog.LOG.isDebugEnabled()) {
        PathLog.LOG.atDebug().addKeyValue("cid", cid).addKeyValue("stage", "feed").addKeyValue("source", source)
            .addKeyValue("shard", shard).addKeyValue("ticks", next.ticks.size()).log("batch routed to its shard");
      }
      inFlight = next;
      send(next, 0);
    }

    void send(OpenBatch batch, int attempt) {
      DeliveryOptions options =
          new DeliveryOptions().setSendTimeout(timeoutMs).addHeader("cid", batch.sealed.correlationId());
      vertx
          .eventBus()
          .<BatchAck>request(address, batch.sealed, options)
          .onComplete(reply -> answered(batch, attempt, reply));
    }

    void answered(OpenBatch batch, int attempt, AsyncResult<Message<BatchAck>> reply) {
      if (reply.failed()) {
        retry(batch, attempt, reply.cause());
        return;
      }
      inFlight = null;
      pending -= batch.ticks.size();
      if (PathLog.LOG.isDebugEnabled()) {
        BatchAck ack = reply.result().body();
        PathLog.LOG.atDebug().addKeyValue("cid", batch.sealed.correlationId()).addKeyValue("stage", "feed")
            .addKeyValue("shard", shard).addKeyValue("applied", ack.applied()).addKeyValue("rejected", ack.rejects().size())
            .log("batch answered by its shard");
      }
      listener.answered(batch.sealed, reply.result().body(), batch.runs);
      if (hasUnsent()) {
        sendNext();
      }
      listener.pendingChanged(pending);
    }

    void retry(OpenBatch batch, int attempt, Throwable cause) {
      long backoff = Math.min(MAX_BACKOFF_MS, 50L << Math.min(attempt, 10));
      LOG.atWarn()
          .addKeyValue("cid", batch.sealed.correlationId())
          .addKeyValue("shard", shard)
          .addKeyValue("ticks", batch.ticks.size())
          .addKeyValue("attempt", attempt + 1)
          .addKeyValue("retryInMs", backoff)
          .log("shard did not acknowledge a batch ({}); resending it", cause.getMessage());
      var unused = vertx.setTimer(backoff, id -> send(batch, attempt + 1));
    }
  }

  /** A batch being filled, then in flight; remembers which segments its ticks came from. */
  private static final class OpenBatch {
    private final ArrayList<Tick> ticks;
    private final SegmentRuns runs = new SegmentRuns();
    private final long ingestNanos;
    private TickBatch sealed;

    OpenBatch(int capacity, long ingestNanos) {
      this.ticks = new ArrayList<>(Math.min(capacity, 64));
      this.ingestNanos = ingestNanos;
    }

    void add(Tick tick, AckTracker.Segment segment) {
      ticks.add(tick);
      runs.add(segment);
    }
  }
}
