package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.BatchRefusal;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.ShardQuery;
import io.tickmesh.model.Symbols;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TickBatch;
import io.tickmesh.obs.PathLog;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the ticks of one source to the shards that own their symbols, in batches, with request/ack. Each
 * shard gets at most one batch in flight from this source, so a shard sees the source's ticks in order
 * and a resent batch (same number) is recognised; meanwhile new ticks for that shard fill the next batch,
 * which is how batches grow under load. A batch is resent until answered: nothing is ever dropped.
 *
 * <p>An answer is a promise under the shard's ownership epoch: its ticks are settled (acknowledged to the
 * publisher) once the checkpoint the answer names is durable under that epoch. Until then, in a cluster,
 * the ticks are kept ("parked"). If the shard moves to a later epoch first (a refusal {@code EPOCH_MOVED},
 * a claim notice, a durable notice of a later epoch, or a probe of a quiet shard), the parked ticks are sent
 * again to the new owner, <em>before</em> anything newer: every batch names the epoch its source knows, and
 * a shard of another epoch refuses it, so the new owner never applies a newer seq of a feed before the
 * resent older ones (which its dedupe by seq would then drop). The new owner skips, silently, what its
 * restored checkpoint already holds.
 *
 * <p>Threading: created and used on the source's context only; replies and timers arrive there too.
 */
public final class ShardRouter {
  /** What the source learns from the router. */
  public interface Listener {
    /** Shard answered {@code batch} with {@code ack} (its rejects are the source's to report). */
    void answered(TickBatch batch, BatchAck ack);

    /** Every tick of {@code runs} is handled and durable: it may be acknowledged to the publisher. */
    void settled(SegmentRuns runs);

    /** Pending ticks (queued or in flight) changed to {@code pending}. */
    void pendingChanged(int pending);
  }

  /**
   * How the router behaves: one node, or a cluster where shards move. In a cluster it keeps answered
   * ticks until they are durable, and retries within a second while no node serves a shard (that means
   * "no owner yet", not overload).
   */
  public record Settings(int batchSize, long timeoutMs, long maxBackoffMs, boolean shardsMove) {
    /** The settings of a node configured by {@code config}. */
    public static Settings of(io.tickmesh.config.TickmeshConfig config) {
      boolean cluster = config.cluster().enabled();
      return new Settings(config.feed().batchSize(), config.feed().batchTimeoutMs(), cluster ? 1_000 : 5_000,
          cluster && config.store().enabled());
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(ShardRouter.class);
  /** A parked answer older than this, with no durable notice, makes the router ask who owns its shard now. */
  private static final long STALE_PARKED_NANOS = 3_000_000_000L;

  private final Vertx vertx;
  private final String source;
  private final Settings settings;
  private final Listener listener;
  private final Lane[] lanes;
  private final ArrayList<Lane> unsent = new ArrayList<>();
  private int pending;
  private int parked;
  private long resentTicks;

  /** Routes for {@code source} over {@code shards} shards. */
  public ShardRouter(Vertx vertx, String source, int shards, Settings settings, Listener listener) {
    this.vertx = vertx;
    this.source = source;
    this.settings = settings;
    this.listener = listener;
    this.lanes = new Lane[shards];
    for (int i = 0; i < shards; i++) {
      lanes[i] = new Lane(i);
    }
  }

  /** Queues a tick for its shard; it is sent by the next {@link #flush()}. */
  public void add(Tick tick, AckTracker.Segment segment, long ingestNanos) {
    Lane lane = lanes[Symbols.shardOf(tick.symbol(), lanes.length)];
    lane.filling(ingestNanos).add(tick, segment);
    if (lane.filling.ticks.size() >= settings.batchSize()) {
      lane.waiting.addLast(lane.filling);
      lane.filling = null;
    }
    lane.markUnsent();
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
        lane.listedUnsent = false;
        unsent.set(i, unsent.get(unsent.size() - 1));
        unsent.remove(unsent.size() - 1);
      }
    }
  }

  /** Ticks queued or in flight (not yet answered). */
  public int pending() {
    return pending;
  }

  /** Ticks answered and kept until durable, so they can be sent again if their shard moves. */
  public int parked() {
    return parked;
  }

  /** Ticks sent again to a shard's new owner since start. */
  public long resentTicks() {
    return resentTicks;
  }

  /** Visits every shard this source has sent a batch to. */
  public void forEachShardSentTo(java.util.function.IntConsumer visitor) {
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

  /**
   * The answer of a feed with this router alone (the simulator, a file) to a stats request: its counters
   * {@code feed} under {@code feedId}, and the ticks pending in all and per shard, as listeners answer.
   */
  public JsonObject statsReply(String feedId, JsonObject feed) {
    long[] byShard = new long[lanes.length];
    addPendingByShard(byShard);
    return new JsonObject()
        .put("feeds", new JsonObject().put(feedId, feed.put("pendingTicks", pending())))
        .put("pendingTicks", pending())
        .put("pendingByShard", new JsonArray(LongStream.of(byShard).boxed().toList()));
  }

  /** Checkpoints became durable: settles what waited on them, or resends what a moved shard lost. */
  public void durable(DurableCheckpoints notice) {
    for (DurableCheckpoints.Durable d : notice.checkpoints()) {
      if (d.shard() < lanes.length) {
        lanes[d.shard()].durable(d.epoch(), d.checkpointId());
      }
    }
  }

  /** A node claimed {@code shard} under {@code epoch}: what waited on an older epoch goes again. */
  public void claimed(int shard, long epoch) {
    if (shard < lanes.length) {
      lanes[shard].epochMoved(epoch);
    }
  }

  /** Asks who owns each shard whose oldest parked answer waited too long for its durable notice. */
  public void checkStale(long nowNanos) {
    if (!settings.shardsMove()) {
      return;
    }
    for (Lane lane : lanes) {
      lane.probeIfStale(nowNanos);
    }
  }

  /** One shard's queue: the batch in flight, batches waiting, the batch being filled, and parked answers. */
  private final class Lane {
    private final int shard;
    private final String address;
    /**
     * Batches to send again (refused by a new owner, or answered by an old one and not durable), by the
     * order they were first filled in: always sent before anything in {@link #waiting}, which was never
     * sent and so is newer than all of them.
     */
    private final TreeMap<Long, OpenBatch> again = new TreeMap<>();
    private final ArrayDeque<OpenBatch> waiting = new ArrayDeque<>();
    private final ArrayDeque<Parked> parkedAnswers = new ArrayDeque<>();
    private long nextOrder;
    /**
     * The size of the lane's recent batches, the largest of them decaying by an eighth a batch: a new batch
     * starts with room for as many, so a steady stream does not grow lists, and a trickle soon gets small ones.
     */
    private int recentSize;
    private OpenBatch filling;
    private OpenBatch inFlight;
    private long nextBatchNo = 1;
    private long knownEpoch;
    private boolean listedUnsent;
    private boolean probing;
    /** The timer of the in-flight batch's next attempt, while it waits to be sent again; -1 if none. */
    private long retryTimer = -1;

    Lane(int shard) {
      this.shard = shard;
      this.address = Addresses.shard(shard);
    }

    OpenBatch filling(long ingestNanos) {
      if (filling == null) {
        filling = new OpenBatch(Math.min(settings.batchSize(), Math.max(64, recentSize)), ingestNanos, nextOrder++);
      }
      return filling;
    }

    void markUnsent() {
      if (!listedUnsent) {
        listedUnsent = true;
        unsent.add(this);
      }
    }

    boolean hasUnsent() {
      return filling != null || !waiting.isEmpty() || !again.isEmpty();
    }

    int pending() {
      int n = inFlight == null ? 0 : inFlight.ticks.size();
      for (OpenBatch batch : again.values()) {
        n += batch.ticks.size();
      }
      for (OpenBatch batch : waiting) {
        n += batch.ticks.size();
      }
      return filling == null ? n : n + filling.ticks.size();
    }

    void sendNext() {
      var first = again.pollFirstEntry();
      OpenBatch next = first != null ? first.getValue() : waiting.pollFirst();
      if (next == null) {
        next = filling;
        filling = null;
      }
      if (next == null) {
        return;
      }
      recentSize = Math.max(next.ticks.size(), recentSize - recentSize / 8);
      long no = nextBatchNo++;
      String cid = source + "-" + shard + "-" + no;
      next.sealed = new TickBatch(source, no, shard, cid, next.ingestNanos, knownEpoch, next.resent, next.ticks);
      if (PathLog.LOG.isDebugEnabled()) {
        PathLog.LOG.atDebug().addKeyValue("cid", cid).addKeyValue("stage", "feed").addKeyValue("source", source)
            .addKeyValue("shard", shard).addKeyValue("ticks", next.ticks.size()).log("batch routed to its shard");
      }
      inFlight = next;
      send(next, 0);
    }

    void send(OpenBatch batch, int attempt) {
      DeliveryOptions options =
          new DeliveryOptions().setSendTimeout(settings.timeoutMs()).addHeader("cid", batch.sealed.correlationId());
      vertx.eventBus().<BatchAck>request(address, batch.sealed, options).onComplete(reply -> answered(batch, attempt, reply));
    }

    void answered(OpenBatch batch, int attempt, AsyncResult<Message<BatchAck>> reply) {
      if (batch != inFlight) {
        return; // refused meanwhile and requeued: this late answer is for a batch no longer ours to follow
      }
      if (reply.failed()) {
        failed(batch, attempt, reply.cause());
        return;
      }
      BatchAck ack = reply.result().body();
      inFlight = null;
      pending -= batch.ticks.size();
      if (PathLog.LOG.isDebugEnabled()) {
        PathLog.LOG.atDebug().addKeyValue("cid", batch.sealed.correlationId()).addKeyValue("stage", "feed")
            .addKeyValue("shard", shard).addKeyValue("applied", ack.applied()).addKeyValue("rejected", ack.rejects().size())
            .log("batch answered by its shard");
      }
      listener.answered(batch.sealed, ack);
      if (ack.checkpointId() == 0) {
        listener.settled(batch.runs);
      } else if (settings.shardsMove() && ack.epoch() < knownEpoch) {
        // answered by an owner the lane already knows was replaced: its checkpoint may never be durable
        again.put(batch.order, batch.resend());
        pending += batch.ticks.size();
        resentTicks += batch.ticks.size();
      } else {
        knownEpoch = Math.max(knownEpoch, ack.epoch());
        park(batch, ack);
      }
      if (hasUnsent()) {
        sendNext();
      }
      listener.pendingChanged(pending);
    }

    private void park(OpenBatch batch, BatchAck ack) {
      if (!settings.shardsMove()) {
        batch.ticks = null; // one node: nothing is ever sent again, keep only what acks need
      } else {
        parked += batch.ticks.size();
      }
      parkedAnswers.addLast(new Parked(ack.epoch(), ack.checkpointId(), batch, System.nanoTime()));
    }

    void failed(OpenBatch batch, int attempt, Throwable cause) {
      ReplyException r = cause instanceof ReplyException x ? x : null;
      BatchRefusal refusal = r != null && r.failureType() == ReplyFailure.RECIPIENT_FAILURE ? BatchRefusal.of(r.failureCode()) : null;
      if (refusal == BatchRefusal.EPOCH_MOVED) {
        inFlight = null;
        again.put(batch.order, batch); // in its place among the parked ticks sent again, whenever they were requeued
        pending -= batch.ticks.size(); // counted again as it is requeued
        requeue(parseEpoch(r.getMessage()), batch);
        return;
      }
      long backoff = Math.min(settings.maxBackoffMs(), 50L << Math.min(attempt, 10));
      boolean noOwner = refusal == BatchRefusal.NOT_OWNER || (r != null && r.failureType() == ReplyFailure.NO_HANDLERS);
      var log = attempt == 0 || attempt % 20 == 0 ? LOG.atWarn() : LOG.atDebug();
      log.addKeyValue("cid", batch.sealed.correlationId())
          .addKeyValue("shard", shard)
          .addKeyValue("ticks", batch.ticks.size())
          .addKeyValue("attempt", attempt + 1)
          .addKeyValue("retryInMs", backoff)
          .log(noOwner ? "no node serves shard {} right now ({}); resending the batch" : "shard {} did not answer a batch ({}); resending it",
              shard, cause.getMessage());
      retryTimer = vertx.setTimer(backoff, id -> {
        retryTimer = -1;
        if (inFlight == batch) {
          send(batch, attempt + 1);
        }
      });
    }

    /** A durable notice for this shard: settles parked answers up to it, or resends if the shard moved. */
    void durable(long epoch, long checkpointId) {
      if (settings.shardsMove() && epoch > knownEpoch) {
        epochMoved(epoch);
        return;
      }
      while (!parkedAnswers.isEmpty()) {
        Parked head = parkedAnswers.peekFirst();
        if (head.epoch != epoch || head.checkpointId > checkpointId) {
          break;
        }
        parkedAnswers.pollFirst();
        if (head.batch.ticks != null) {
          parked -= head.batch.ticks.size();
        }
        listener.settled(head.batch.runs);
      }
    }

    /** The shard has a later epoch: what waited on an earlier one is sent again, ahead of anything newer. */
    void epochMoved(long epoch) {
      boolean stale = !parkedAnswers.isEmpty() && parkedAnswers.peekFirst().epoch < epoch;
      if (!settings.shardsMove() || epoch < knownEpoch || (epoch == knownEpoch && !stale)) {
        return;
      }
      if (inFlight != null && retryTimer >= 0) {
        // waiting out a backoff because no node served the shard: its new owner takes it now, in its order
        var cancelled = vertx.cancelTimer(retryTimer);
        retryTimer = -1;
        OpenBatch waited = inFlight;
        inFlight = null;
        again.put(waited.order, waited);
        pending -= waited.ticks.size(); // counted again as it is requeued
        requeue(epoch, waited);
        return;
      }
      requeue(epoch, null);
      if (inFlight == null && hasUnsent()) {
        sendNext();
      }
    }

    /**
     * Puts every parked answer of an epoch before {@code epoch} back among the batches to send again, each
     * in the order its ticks were first sent, so they go ahead of {@code refused} (already there, or
     * null) and of everything newer; the lane now knows {@code epoch}. The order matters: the new owner
     * drops a seq at or below the highest it applied, so a newer batch sent first would make the older
     * ticks "duplicates" and lose them.
     */
    private void requeue(long epoch, OpenBatch refused) {
      int count = refused == null ? 0 : refused.ticks.size();
      while (settings.shardsMove() && !parkedAnswers.isEmpty() && parkedAnswers.peekFirst().epoch < epoch) {
        OpenBatch b = parkedAnswers.pollFirst().batch;
        parked -= b.ticks.size();
        count += b.ticks.size();
        again.put(b.order, b.resend());
      }
      pending += count;
      resentTicks += count;
      if (count > 0) {
        LOG.atInfo().addKeyValue("source", source).addKeyValue("shard", shard).addKeyValue("epoch", epoch)
            .addKeyValue("ticks", count).log("shard {} moved to epoch {}: sending again the {} ticks its old owner had not made durable",
                shard, epoch, count);
      }
      knownEpoch = Math.max(knownEpoch, epoch);
      markUnsent();
      if (refused != null && inFlight == null) {
        sendNext();
      }
      listener.pendingChanged(pending);
    }

    void probeIfStale(long nowNanos) {
      Parked head = parkedAnswers.peekFirst();
      if (probing || head == null || nowNanos - head.sinceNanos < STALE_PARKED_NANOS) {
        return;
      }
      probing = true;
      vertx.eventBus().<JsonObject>request(Addresses.shardQuery(shard), new ShardQuery.Owner(),
              new DeliveryOptions().setSendTimeout(settings.timeoutMs()))
          .onComplete(ar -> {
            probing = false;
            if (ar.succeeded()) {
              epochMoved(ar.result().body().getLong("epoch", 0L));
            }
          });
    }
  }

  private static long parseEpoch(String message) {
    try {
      return Long.parseLong(message.trim());
    } catch (RuntimeException e) {
      return Long.MAX_VALUE; // an unreadable refusal: resend everything, the shard dedupes
    }
  }

  /** An answer kept until its checkpoint is durable under its epoch. */
  private record Parked(long epoch, long checkpointId, OpenBatch batch, long sinceNanos) {}

  /** A batch being filled, then in flight; remembers which segments its ticks came from. */
  private static final class OpenBatch {
    private ArrayList<Tick> ticks;
    private final SegmentRuns runs;
    private final long ingestNanos;
    private final boolean resent;
    /** Its place in its lane: batches are filled, and first sent, in this order. */
    private final long order;
    private TickBatch sealed;

    OpenBatch(int capacity, long ingestNanos, long order) {
      this(new ArrayList<>(capacity), new SegmentRuns(), ingestNanos, false, order);
    }

    private OpenBatch(ArrayList<Tick> ticks, SegmentRuns runs, long ingestNanos, boolean resent, long order) {
      this.ticks = ticks;
      this.runs = runs;
      this.ingestNanos = ingestNanos;
      this.resent = resent;
      this.order = order;
    }

    void add(Tick tick, AckTracker.Segment segment) {
      ticks.add(tick);
      runs.add(segment);
    }

    /** The same ticks and runs, to send again under a new number. */
    OpenBatch resend() {
      return new OpenBatch(ticks, runs, ingestNanos, true, order);
    }
  }
}
