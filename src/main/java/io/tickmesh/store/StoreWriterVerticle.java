package io.tickmesh.store;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.FeedPositions;
import io.tickmesh.model.ShardFenced;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.WriteGate;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one ordered log into PostgreSQL. Shards hand it trades, bars and checkpoints, in order;
 * rejects come from the {@code rejects} publications. It writes them in flushes of up to
 * {@code store.batchRows} rows, at most {@code store.flushMs} after a row arrives, cut in arrival order,
 * the data of two in flight. A checkpoint is written to PostgreSQL, in a transaction of its own, only
 * once the data of its flush and of every flush before it has committed, so a stored checkpoint never
 * covers an output that is not stored, even after a crash; then it is announced durable and the feeds
 * acknowledge their publishers.
 *
 * <p>Hand-overs (a planned move of a shard to another node): while the shard still serves, its rows go in
 * flushes of their own, beside the common ones, until the common backlog holds none of them; once it
 * stopped, its last rows, last checkpoint and the hand-over itself are written in one transaction
 * ({@link Flush#writeFinal}), so its next owner starts from that checkpoint without a claim of its own.
 * That next owner has its state already (a {@code ShardHandOff}) and serves it meanwhile: its writer holds
 * the shard's rows under the new epoch ({@code tm.store.gate}) until that transaction committed, and
 * drops them if it did not.
 *
 * <p>Flow control: past {@code store.maxQueuedRows} it publishes pressure and the feeds pause their
 * sources; below half it lifts it. A failed flush is retried with backoff until it succeeds; meanwhile
 * the store is reported down (readiness 503) and nothing is lost. A flush PostgreSQL refuses for its data
 * (SQLSTATE class 22 or 23: no retry would ever succeed) is halved until the refused row is alone; that
 * row is set aside in the {@code quarantine} table and logged at ERROR, and the rest is written
 * ({@link Quarantine}).
 *
 * <p>Fencing: each of its transactions writes a shard's rows only under the shard's current ownership
 * epoch ({@link WriteFence}). Rows of an older epoch (another node claimed the shard since, or it was
 * released) are dropped, the rest of the flush is written, and the first time a shard epoch is refused
 * the writer publishes {@code ShardFenced} and logs a WARN; from then on it drops that shard's rows of
 * that epoch on arrival. A fenced write is terminal: never retried.
 *
 * <p>Consumes {@code tm.store.write} (StoreBatch, Checkpoint, FeedPositions), {@code rejects}, {@code tm.store.gate},
 * {@code tm.store.flush}
 * (reply once everything queued before it is written; or, for one shard handed over, write its rows next). Publishes {@code tm.store.durable},
 * {@code tm.store.pressure}, {@code tm.store.state}, {@code tm.store.fenced} (node-local). Owns the queue
 * and the fenced shards. Threading: its event loop.
 */
public final class StoreWriterVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StoreWriterVerticle.class);
  private static final long MAX_BACKOFF_MS = 5_000;
  private static final long PROBE_MS = 1_000;
  /**
   * Two flushes in flight let PostgreSQL use two cores (measured: 173k trades/s with one, 313k with two).
   * Their data writes are idempotent and keep the newest, so their commit order does not matter.
   * Their checkpoints and feed positions are written afterwards, one flush at a time, in order (see
   * {@link #writeControl}).
   */
  private static final int IN_FLIGHT = 2;
  /**
   * Rows that make a flush worth starting before the flush timer: enough that its two commits are a
   * small part of its cost, so a store that keeps up writes small flushes only once per
   * {@code store.flushMs}, and one that falls behind never waits for the timer.
   */
  private static final int EARLY_FLUSH_ROWS = 1_000;
  /**
   * A shard being handed over is drained once at most this many of its rows wait to be written: its last
   * checkpoint then waits for a flush of about this size, not for the backlog (about 0.1 s of writes).
   */
  private static final int DRAINED_ROWS = 1_000;
  /**
   * Most rows in one flush of shards being handed over: a small flush is written in a fraction of a
   * second even on a busy PostgreSQL, so a shard's last flush, which waits for every flush holding its
   * rows, never waits long behind one (measured: 20,000 rows took up to 2.8 s, and a stopped shard waited
   * 1.8 s for one).
   */
  private static final int OWN_FLUSH_ROWS = 2 * DRAINED_ROWS;
  /**
   * Longest a shard counts as being handed over (longer than any hand-over's drain and last flush): past
   * this, its rows go with the common backlog again, and the writer says so.
   */
  private static final long HANDING_OVER_MAX_MS = 30_000;
  /**
   * Longest the rows of a shard served provisionally are held: past this they are discarded, and the
   * writer says so. Longer than its owner takes to say (18 s for the hand-over's notice, then at most 30 s
   * asking the ledger, and the deployment between).
   */
  private static final long GATE_MAX_MS = 90_000;

  private final TickmeshConfig.Store settings;
  private final Pool pool;
  private final StoreQueue queue;
  private final Quarantine quarantine;
  private final FencedShards fenced = new FencedShards();
  private final List<Promise<Void>> flushWaiters = new ArrayList<>();
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  /** Shards handed over whose queued rows are written next, ahead of the rest. */
  private final Set<Integer> urgent = new TreeSet<>();
  /**
   * Shards about to be handed over, with when the drain was asked for (nanoTime): their rows go in
   * flushes of their own, so their last checkpoint does not wait behind the other shards' backlog.
   */
  private final Map<Integer, Long> handingOver = new TreeMap<>();
  /** Shards served provisionally (a hand-off's state, before the hand-over committed): their rows wait. */
  private final WriteGates gates = new WriteGates();
  /** Hand-overs waiting until no flush of the common backlog in flight holds their shard's rows. */
  private final Map<Integer, List<Promise<Void>>> drains = new HashMap<>();

  /** The last flush of a shard handed over, with the hand-over ({@link Flush#writeFinal}). */
  private record FinalFlush(int shard, long epoch, String node, String to, Flush flush, Message<Object> request) {}

  /** Last flushes waiting for earlier flushes of their shard to be written. */
  private final List<FinalFlush> finals = new ArrayList<>();
  private int finalsWriting;
  private boolean probing;
  private boolean pressure;
  /**
   * The flush timer fired since the common backlog was last taken whole: what is queued has waited long
   * enough and goes in the next flush that can start.
   */
  private boolean flushDue;
  private final StoreHealth health = new StoreHealth(MAX_BACKOFF_MS);
  private long written;
  private long tradesWritten;
  private long flushCount;

  /** A writer into {@code pool}. */
  public StoreWriterVerticle(TickmeshConfig config, Pool pool) {
    this.settings = config.store();
    this.pool = pool;
    this.queue = new StoreQueue(settings.trades());
    this.quarantine = new Quarantine(pool);
  }

  @Override
  public Future<?> start() {
    var batches = vertx.eventBus().<Object>localConsumer(Addresses.STORE_WRITE, this::item);
    // A reject relayed from another node (header tm-relayed, for this node's subscribers) is that node's to store.
    var rejects = vertx.eventBus().<JsonObject>localConsumer(Addresses.REJECTS, m -> {
      if (m.headers().get(Addresses.RELAYED_HEADER) == null) {
        enqueueReject(m.body());
      }
    });
    var flushes = vertx.eventBus().<Object>localConsumer(Addresses.STORE_FLUSH, this::flushRequest);
    var gateRequests = vertx.eventBus().<WriteGate>localConsumer(Addresses.STORE_GATE, m -> {
      gate(m.body());
      m.reply(written);
    });
    var stats = vertx.eventBus().<Object>localConsumer(Addresses.STORE_STATS, m -> m.reply(new JsonObject()
        .put("rowsWritten", written)
        .put("tradesWritten", tradesWritten)
        .put("flushes", flushCount)
        .put("queuedRows", queue.rows())
        .put("flushesInFlight", inFlight.size() + finalsWriting)
        .put("failures", health.failuresTotal())
        .put("quarantined", quarantine.count())
        .put("fencedWrites", fenced.rows())
        .put("fencedShards", fenced.fences())
        .put("heldShards", gates.size())
        .put("pressure", pressure)
        .put("up", health.state() == StoreHealth.State.UP)));
    var unused = vertx.setPeriodic(settings.flushMs(), id -> {
      flushDue = true;
      writeNext();
    });
    var unusedProbe = vertx.setPeriodic(PROBE_MS, id -> probe());
    return Future.all(List.of(batches.completion(), rejects.completion(), flushes.completion(), gateRequests.completion(),
        stats.completion()));
  }

  private void item(Message<Object> message) {
    Object body = message.body();
    int rowsBefore = queue.rows();
    if (body instanceof StoreBatch batch) {
      if (fenced.refuses(batch.shard(), batch.epoch())) {
        fenced.dropped(batch.rows());
        return;
      }
      queue.add(batch);
    } else if (body instanceof Checkpoint checkpoint) {
      if (fenced.refuses(checkpoint.shard(), checkpoint.epoch())) {
        fenced.dropped(1);
        return;
      }
      queue.add(checkpoint);
    } else if (body instanceof FeedPositions positions) {
      queue.add(positions);
    }
    afterEnqueue(rowsBefore);
  }

  private void enqueueReject(JsonObject reject) {
    int rowsBefore = queue.rows();
    queue.add(reject);
    afterEnqueue(rowsBefore);
  }

  /** Rows were queued ({@code rowsBefore} before them): pressure past the bound; a flush once enough wait. */
  private void afterEnqueue(int rowsBefore) {
    if (!pressure && queue.rows() >= settings.maxQueuedRows()) {
      setPressure(true);
    }
    int early = earlyFlushRows();
    if (rowsBefore < early && queue.rows() >= early || queue.rows() >= settings.batchRows()) {
      writeNext();
    }
  }

  /**
   * {@code {}}: replies once everything queued before it is written. {@code {"shard": n, "drain": true}}
   * (a hand-over about to stop shard n, which still serves): from now on shard n's rows go in flushes of
   * their own; replies once no flush of the common backlog holds its rows still unwritten and at most
   * {@link #DRAINED_ROWS} of them wait, so its last checkpoint will wait for little. {@code {"shard": n}}
   * (shard n stopped): its queued rows and checkpoints are written next, ahead of the rest; replies at
   * once, the durable notice of its checkpoint tells when they are written.
   * {@code {"shard": n, "final": true, "epoch": e, "node": self, "to": next}} (shard n stopped): its last
   * flush and the hand-over in one transaction ({@link Flush#writeFinal}); replies {@code {"epoch": e2}}, the
   * shard's epoch after it, or {@code {"epoch": 0}}: not handed over (then written as by {@code {"shard": n}}),
   * with {@code "fenced": true} if the shard was no longer this node's.
   */
  private void flushRequest(Message<Object> message) {
    if (message.body() instanceof JsonObject request && request.getValue("shard") instanceof Integer shard
        && request.getBoolean("final", false)) {
      handingOver.remove(shard);
      finals.add(new FinalFlush(shard, request.getLong("epoch"), request.getString("node"), request.getString("to"),
          queue.takeShards(Set.of(shard)), message));
      writeNext();
      return;
    }
    if (message.body() instanceof JsonObject request && request.getValue("shard") instanceof Integer shard) {
      if (request.getBoolean("drain", false)) {
        handingOver.putIfAbsent(shard, System.nanoTime());
        Promise<Void> drained = Promise.promise();
        drains.computeIfAbsent(shard, s -> new ArrayList<>()).add(drained);
        drained.future().onComplete(v -> message.reply(written));
        drained();
        writeNext();
        return;
      }
      handingOver.remove(shard);
      urgent.add(shard);
      writeNext();
      message.reply(written);
      return;
    }
    Promise<Void> done = Promise.promise();
    flushWaiters.add(done);
    done.future().onComplete(v -> message.reply(written));
    writeNext();
  }

  /**
   * A shard served provisionally: its rows of the gate's epoch are held in the queue (passed over by every
   * flush), then written once the hand-over that gives it that epoch committed, or dropped if it did not
   * (and refused from then on: the shard was dropped, and its owner claims it anew under a later epoch).
   */
  private void gate(WriteGate gate) {
    switch (gate.action()) {
      case HOLD -> gates.hold(gate.shard(), gate.epoch(), System.nanoTime());
      case WRITE -> {
        var unused = gates.release(gate.shard(), gate.epoch());
      }
      case DISCARD -> discard(gate.shard(), gate.epoch(), "its hand-over did not commit");
    }
    writeNext();
  }

  private void discard(int shard, long epoch, String why) {
    var unused = gates.release(shard, epoch);
    fenced.refuse(shard, epoch);
    int dropped = queue.drop(shard, epoch);
    fenced.dropped(dropped);
    // its shard, if it still serves, must stop: none of its rows will be written
    vertx.eventBus().publish(Addresses.STORE_FENCED, new ShardFenced(shard, epoch), new DeliveryOptions().setLocalOnly(true));
    LOG.atWarn().addKeyValue("shard", shard).addKeyValue("epoch", epoch).addKeyValue("rowsDropped", dropped)
        .log("the rows of shard {} served provisionally under epoch {} are dropped ({} rows): {}; the feeds send its ticks again",
            shard, epoch, dropped, why);
  }

  /** Answers the hand-overs whose shard's rows are drained ({@link #flushRequest}). */
  private void drained() {
    drains.entrySet().removeIf(e -> {
      int shard = e.getKey();
      boolean clear = inFlight.stream().noneMatch(f -> !f.ownFlush && (f.flush.holdsDataOf(shard) || f.flush.holdsCheckpointOf(shard)))
          && queue.rowsOf(shard) + inFlight.stream().filter(f -> !f.committed).mapToInt(f -> f.flush.dataRowsOf(shard)).sum() <= DRAINED_ROWS;
      if (clear) {
        e.getValue().forEach(Promise::tryComplete);
      }
      return clear;
    });
  }

  /** A flush being written: whether its data committed, and whether its checkpoints are being written. */
  private static final class InFlight {
    final Flush flush;
    /** Rows of shards being handed over only: its checkpoints need not wait for the common backlog. */
    final boolean ownFlush;
    boolean committed;
    boolean controlWriting;

    InFlight(Flush flush, boolean ownFlush) {
      this.flush = flush;
      this.ownFlush = ownFlush;
    }
  }

  /**
   * Starts flushes of the shards that stopped (at once) and of those being handed over (two in flight
   * at most, of {@link #OWN_FLUSH_ROWS} rows: one flush per shard measured slower, with many shards moving
   * at once); flushes of the common backlog, two in flight, one while shards drain (they get most of
   * PostgreSQL, the backlog still moves), none while a last flush waits or is being written: the moved
   * shard serves nowhere then, and its transaction should not queue in PostgreSQL behind this node's bulk
   * writes (a moment: once no flush in flight holds its rows, it is written); completes flush requests
   * once all is written. (Holding the common backlog back for a hand-over's whole drain was tried: on a
   * node taking over a flood, the drain did not end, the queue grew, and the node wrote nothing for 30 s.)
   */
  private void writeNext() {
    if (health.failures() == 0 || inFlight.isEmpty()) {
      if (!urgent.isEmpty()) {
        start(queue.takeShards(Set.copyOf(urgent)), true);
        urgent.clear();
      }
      while (!handingOver.isEmpty() && inFlight.stream().filter(f -> f.ownFlush).count() < IN_FLIGHT) {
        Flush own = queue.takeShards(handingOver.keySet(), OWN_FLUSH_ROWS);
        if (own.rows() == 0) {
          break;
        }
        start(own, true);
      }
    }
    forgetStaleHandOvers();
    discardStaleGates();
    // While a shard's last flush waits or is written (it serves nowhere), no flush of the common backlog
    // starts; while shards drain, one at a time, so their own flushes get most of PostgreSQL. Rows of
    // shards served provisionally stay queued.
    int commonLimit = !finals.isEmpty() || finalsWriting > 0 ? 0 : handingOver.isEmpty() ? IN_FLIGHT : 1;
    while (commonDue() && inFlight.stream().filter(f -> !f.ownFlush).count() < commonLimit && !queue.isEmpty()
        && (inFlight.isEmpty() || health.failures() == 0)) {
      Flush flush = queue.take(settings.batchRows(), handingOver.keySet(), gates);
      if (flush.rows() == 0) {
        flushDue = false;
        break; // only rows of shards being handed over or held are queued
      }
      start(flush, false);
    }
    if (queue.isEmpty()) {
      flushDue = false; // a row queued from now on waits for the next tick, or for enough others
    }
    if (!drains.isEmpty()) {
      drained();
    }
    writeFinals();
    if (queue.rows() == queue.heldRows(gates) && inFlight.isEmpty() && finals.isEmpty() && finalsWriting == 0) {
      flushWaiters.forEach(Promise::tryComplete);
      flushWaiters.clear();
    }
  }

  /**
   * Whether a flush of the common backlog starts as soon as it can: the flush timer fired, somebody waits
   * for the backlog to be written, or {@link #EARLY_FLUSH_ROWS} rows wait (a busy store goes on at once).
   * Not merely because a flush completed: at a low rate that started a flush of a few rows the moment the
   * last one committed, two transactions each (data, then checkpoints), and PostgreSQL spent half a core
   * on 1,100-1,200 flushes a second at 5,000 ticks/s (README, Performance).
   */
  private boolean commonDue() {
    return flushDue || !flushWaiters.isEmpty() || queue.rows() >= earlyFlushRows() && takeableRows() >= earlyFlushRows();
  }

  private int earlyFlushRows() {
    return Math.min(EARLY_FLUSH_ROWS, settings.batchRows());
  }

  /**
   * The queued rows a flush of the common backlog may take: not those of shards served provisionally
   * (held) or being handed over (their own flushes take them). Counting those, a long hold kept every
   * completion starting a flush of the few rows left.
   */
  private int takeableRows() {
    int rows = queue.rows() - queue.heldRows(gates);
    for (int shard : handingOver.keySet()) {
      rows -= queue.rowsOf(shard);
    }
    return rows;
  }

  /** Drops the rows of a shard held past {@link #GATE_MAX_MS}: its owner never said whether its hand-over committed. */
  private void discardStaleGates() {
    for (WriteGates.Gate gate : gates.olderThan(TimeUnit.MILLISECONDS.toNanos(GATE_MAX_MS), System.nanoTime())) {
      discard(gate.shard(), gate.epoch(), "held for " + GATE_MAX_MS + " ms with no word of its hand-over");
    }
  }

  /**
   * Forgets a shard announced as handed over past {@link #HANDING_OVER_MAX_MS} with no last flush (its
   * hand-over gave up): its rows go with the common backlog again.
   */
  private void forgetStaleHandOvers() {
    long now = System.nanoTime();
    handingOver.entrySet().removeIf(e -> {
      boolean stale = now - e.getValue() > TimeUnit.MILLISECONDS.toNanos(HANDING_OVER_MAX_MS);
      if (stale) {
        LOG.atWarn().addKeyValue("shard", e.getKey()).log("shard {} was announced as handed over {} ms ago and no last flush came:"
            + " its rows go with the others' again", e.getKey(), HANDING_OVER_MAX_MS);
      }
      return stale;
    });
  }

  /**
   * Writes each waiting last flush once no flush in flight holds rows or a checkpoint of its shard: its
   * transaction then covers everything of the shard not yet written. If it fails, its rows are written as
   * any flush (retried until they are) and the hand-over is left to the ownership code.
   */
  private void writeFinals() {
    for (FinalFlush f : List.copyOf(finals)) {
      if (inFlight.stream().anyMatch(i -> i.flush.holdsDataOf(f.shard()) || i.flush.holdsCheckpointOf(f.shard()))) {
        continue;
      }
      finals.remove(f);
      finalsWriting++;
      f.flush().writeFinal(pool, f.shard(), f.epoch(), f.node(), f.to()).onComplete(ar -> {
        finalsWriting--;
        if (ar.succeeded() && ar.result() > 0) {
          back(false); // data and checkpoint: but another flush's checkpoint write may still be failing
          written += f.flush().rows();
          tradesWritten += f.flush().trades();
          flushCount++;
          publishDurable(f.flush().checkpointsWritten(List.of()));
          f.request().reply(new JsonObject().put("epoch", ar.result()));
        } else if (ar.succeeded()) {
          fenced.dropped(f.flush().rows());
          LOG.atWarn().addKeyValue("shard", f.shard()).addKeyValue("epoch", f.epoch()).addKeyValue("rowsDropped", f.flush().rows())
              .log("shard {} was no longer this node's at epoch {} when handed over: its last {} rows are dropped", f.shard(), f.epoch(),
                  f.flush().rows());
          f.request().reply(new JsonObject().put("epoch", 0).put("fenced", true));
        } else {
          LOG.atWarn().addKeyValue("shard", f.shard()).log("the last flush of shard {} failed ({}): writing it as any flush",
              f.shard(), ar.cause().getMessage());
          start(f.flush(), true);
          f.request().reply(new JsonObject().put("epoch", 0));
        }
        writeNext();
      });
    }
  }

  private void start(Flush flush, boolean ownFlush) {
    if (flush.rows() > 0) {
      InFlight next = new InFlight(flush, ownFlush);
      inFlight.addLast(next);
      write(next);
    }
  }

  private void write(InFlight current) {
    long t0 = System.nanoTime();
    quarantine.write(current.flush).onComplete(ar -> {
      if (ar.succeeded()) {
        current.committed = true;
        fenced(ar.result());
        written(current.flush, ar.result(), t0);
      } else {
        failed(current.flush, false, ar.cause(), () -> write(current));
      }
    });
  }

  /**
   * Writes the checkpoints and feed positions of the oldest flush once its data and the data of every
   * flush before it have committed, then announces them durable and goes on with the next. Written in
   * its own transaction after the data, a stored checkpoint never covers data that is not stored: with
   * two data transactions in flight, a crash can lose the later one's commit or the earlier one's, but
   * never data behind a checkpoint that survived (the restart resends from that checkpoint). The flush of
   * shards being handed over does not wait for the oldest: its checkpoints are written once no flush
   * before it still writes rows of their shards (a stored later checkpoint is never replaced by an older).
   */
  private void writeControl() {
    List<InFlight> earlier = new ArrayList<>();
    for (InFlight f : List.copyOf(inFlight)) {
      boolean ready = f.committed && !f.controlWriting && (earlier.isEmpty()
          || f.ownFlush && !f.flush.hasPositions() && earlier.stream().allMatch(e -> e.committed || !f.flush.checkpointsCover(e.flush)));
      if (ready) {
        f.controlWriting = true;
        writeControl(f);
      }
      earlier.add(f);
    }
  }

  private void writeControl(InFlight done) {
    done.flush.writeControl(pool).onComplete(ar -> {
      if (ar.failed()) {
        // nothing becomes durable: the store stays down whatever data commits meanwhile
        failed(done.flush, true, ar.cause(), () -> writeControl(done)); // still marked as being written
        return;
      }
      inFlight.remove(done);
      back(true);
      fenced(ar.result());
      written += done.flush.controlRows() - rows(ar.result());
      publishDurable(done.flush.checkpointsWritten(ar.result()));
      writeControl();
      writeNext();
    });
  }

  /** Tells the node these checkpoints are durable ({@code tm.store.durable}): the feeds settle what they cover. */
  private void publishDurable(List<Checkpoint> durable) {
    if (!durable.isEmpty()) {
      vertx.eventBus().publish(Addresses.STORE_DURABLE, new DurableCheckpoints(durable.stream()
          .map(c -> new DurableCheckpoints.Durable(c.shard(), c.epoch(), c.checkpointId())).toList()));
    }
  }

  /**
   * Rows PostgreSQL refused because their shard's epoch moved on: the first time a shard epoch is
   * refused, drops what is queued of it, tells the node ({@code tm.store.fenced}) and logs it once.
   */
  private void fenced(List<FencedWrite> refused) {
    for (FencedWrite w : fenced.record(refused)) {
      int queued = queue.drop(w.shard(), w.epoch());
      fenced.dropped(queued);
      vertx.eventBus().publish(Addresses.STORE_FENCED, new ShardFenced(w.shard(), w.epoch()), new DeliveryOptions().setLocalOnly(true));
      ShardOwner owner = w.owner();
      LOG.atWarn()
          .addKeyValue("shard", w.shard())
          .addKeyValue("epoch", w.epoch())
          .addKeyValue("owner", owner.node())
          .addKeyValue("ownerEpoch", owner.epoch())
          .addKeyValue("rowsDropped", w.rows() + queued)
          .log("shard {} is fenced at epoch {}: {}; its {} rows of that epoch are dropped, not retried", w.shard(), w.epoch(),
              owner.owned() ? "now owned by " + owner.node() + " at epoch " + owner.epoch() : "released at epoch " + owner.epoch(),
              w.rows() + queued);
    }
  }

  private static int rows(List<FencedWrite> refused) {
    return refused.stream().mapToInt(FencedWrite::rows).sum();
  }

  private void written(Flush flush, List<FencedWrite> refused, long t0) {
    written += flush.dataRows() - rows(refused);
    tradesWritten += flush.trades() - refused.stream().mapToInt(FencedWrite::trades).sum();
    flushCount++;
    back(false);
    LOG.atDebug().addKeyValue("rows", flush.rows()).addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000).log("flush written");
    if (pressure && queue.rows() <= settings.maxQueuedRows() / 2) {
      setPressure(false);
    }
    drained();
    writeControl();
    writeNext();
  }

  /**
   * A write committed ({@code checkpoints}: of checkpoints): PostgreSQL takes writes (again), unless
   * checkpoints still fail to be written.
   */
  private void back(boolean checkpoints) {
    if (health.written(checkpoints)) {
      vertx.eventBus().publish(Addresses.STORE_STATE, "up");
      LOG.atInfo().log("PostgreSQL is back: writes resumed");
    }
  }

  /** A write of {@code flush} failed ({@code checkpoints}: its checkpoints): retried after a back-off. */
  private void failed(Flush flush, boolean checkpoints, Throwable cause, Runnable retry) {
    if (health.writeFailed(checkpoints)) {
      vertx.eventBus().publish(Addresses.STORE_STATE, "down");
    }
    long backoff = health.backoffMs();
    LOG.atWarn()
        .addKeyValue("rows", flush.rows())
        .addKeyValue("attempt", health.failures())
        .addKeyValue("retryInMs", backoff)
        .addKeyValue("queuedRows", queue.rows())
        .log("writing to PostgreSQL failed ({}); retrying, nothing is dropped", cause.getMessage());
    var unused = vertx.setTimer(backoff, id -> retry.run());
  }

  /**
   * While nothing is being written, asks PostgreSQL {@code SELECT 1} once a second, so readiness turns
   * 503 when the database goes away on an idle node too, and back to 200 when it returns.
   */
  private void probe() {
    if (!inFlight.isEmpty() || probing) {
      return; // a flush in flight (or its retries) already tells
    }
    probing = true;
    pool.query("SELECT 1").execute().timeout(PROBE_MS * 2, TimeUnit.MILLISECONDS).onComplete(r -> {
      probing = false;
      if (r.failed() && health.probeFailed()) {
        vertx.eventBus().publish(Addresses.STORE_STATE, "down");
        LOG.atWarn().log("PostgreSQL does not answer ({}); not ready until it does", r.cause().getMessage());
      } else if (r.succeeded() && health.probeAnswered(inFlight.isEmpty())) {
        vertx.eventBus().publish(Addresses.STORE_STATE, "up");
        LOG.atInfo().log("PostgreSQL answers again");
      }
    });
  }

  private void setPressure(boolean on) {
    pressure = on;
    vertx.eventBus().publish(Addresses.STORE_PRESSURE, on);
    LOG.atInfo().addKeyValue("queuedRows", queue.rows()).log(on
        ? "store queue full: feeds pause until PostgreSQL catches up"
        : "store queue drained: feeds resume");
  }
}
