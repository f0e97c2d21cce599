package io.tickmesh.store;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.FeedPositions;
import io.tickmesh.model.StoreBatch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one ordered log into PostgreSQL. Shards hand it trades, bars and checkpoints, in order;
 * rejects come from the {@code rejects} publications. It writes them in flushes of up to
 * {@code store.batchRows} rows, at most {@code store.flushMs} after a row arrives, cut in arrival order,
 * two in flight. A checkpoint is announced durable only once every flush before it has committed, so
 * every output the shard produced before it is durable too; then the feeds acknowledge their publishers.
 *
 * <p>Flow control: past {@code store.maxQueuedRows} it publishes pressure and the feeds pause their
 * sources; below half it lifts it. A failed flush is retried with backoff until it succeeds; meanwhile
 * the store is reported down (readiness 503) and nothing is lost.
 *
 * <p>Consumes {@code tm.store.write} (StoreBatch, Checkpoint, FeedPositions), {@code rejects}, {@code tm.store.flush}
 * (reply once everything queued before it is written). Publishes {@code tm.store.durable},
 * {@code tm.store.pressure}, {@code tm.store.state}. Owns the queue. Threading: its event loop.
 */
public final class StoreWriterVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StoreWriterVerticle.class);
  private static final long MAX_BACKOFF_MS = 5_000;
  private static final long PROBE_MS = 1_000;
  /**
   * Two flushes in flight let PostgreSQL use two cores (measured: 173k trades/s with one, 313k with two).
   * Their statements are idempotent and keep the newest, so their commit order does not matter; only
   * durability is announced in order (see {@link #announceCommitted}).
   */
  private static final int IN_FLIGHT = 2;

  private final TickmeshConfig.Store settings;
  private final Pool pool;
  private final StoreQueue queue;
  private final List<Promise<Void>> flushWaiters = new ArrayList<>();
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private boolean probing;
  private boolean pressure;
  private boolean down;
  private int failures;
  private long written;
  private long tradesWritten;
  private long flushCount;
  private long failuresTotal;

  /** A writer into {@code pool}. */
  public StoreWriterVerticle(TickmeshConfig config, Pool pool) {
    this.settings = config.store();
    this.pool = pool;
    this.queue = new StoreQueue(settings.trades());
  }

  @Override
  public Future<?> start() {
    var batches = vertx.eventBus().<Object>localConsumer(Addresses.STORE_WRITE, this::item);
    var rejects = vertx.eventBus().<JsonObject>localConsumer(Addresses.REJECTS, m -> enqueueReject(m.body()));
    var flushes = vertx.eventBus().<Object>localConsumer(Addresses.STORE_FLUSH, this::flushRequest);
    var stats = vertx.eventBus().<Object>localConsumer(Addresses.STORE_STATS, m -> m.reply(new JsonObject()
        .put("rowsWritten", written)
        .put("tradesWritten", tradesWritten)
        .put("flushes", flushCount)
        .put("queuedRows", queue.rows())
        .put("failures", failuresTotal)
        .put("pressure", pressure)
        .put("up", !down)));
    var unused = vertx.setPeriodic(settings.flushMs(), id -> writeNext());
    var unusedProbe = vertx.setPeriodic(PROBE_MS, id -> probe());
    return Future.all(batches.completion(), rejects.completion(), flushes.completion(), stats.completion());
  }

  private void item(Message<Object> message) {
    Object body = message.body();
    if (body instanceof StoreBatch batch) {
      queue.add(batch);
    } else if (body instanceof Checkpoint checkpoint) {
      queue.add(checkpoint);
    } else if (body instanceof FeedPositions positions) {
      queue.add(positions);
    }
    afterEnqueue();
  }

  private void enqueueReject(JsonObject reject) {
    queue.add(reject);
    afterEnqueue();
  }

  private void afterEnqueue() {
    if (!pressure && queue.rows() >= settings.maxQueuedRows()) {
      setPressure(true);
    }
    if (queue.rows() >= settings.batchRows()) {
      writeNext();
    }
  }

  private void flushRequest(Message<Object> message) {
    Promise<Void> done = Promise.promise();
    flushWaiters.add(done);
    done.future().onComplete(v -> message.reply(written));
    writeNext();
  }

  /** A flush being written, and whether its transaction committed. */
  private static final class InFlight {
    final Flush flush;
    boolean committed;

    InFlight(Flush flush) {
      this.flush = flush;
    }
  }

  /** Starts flushes while fewer than two are in flight; completes flush requests once all is written. */
  private void writeNext() {
    while (inFlight.size() < IN_FLIGHT && !queue.isEmpty() && (inFlight.isEmpty() || failures == 0)) {
      InFlight next = new InFlight(queue.take(settings.batchRows()));
      inFlight.addLast(next);
      write(next);
    }
    if (queue.isEmpty() && inFlight.isEmpty()) {
      flushWaiters.forEach(Promise::tryComplete);
      flushWaiters.clear();
    }
  }

  private void write(InFlight current) {
    long t0 = System.nanoTime();
    current.flush.write(pool).onComplete(ar -> {
      if (ar.succeeded()) {
        current.committed = true;
        written(current.flush, t0);
      } else {
        failed(current, ar.cause());
      }
    });
  }

  /**
   * Announces the checkpoints of committed flushes that have no uncommitted flush ahead of them: a
   * checkpoint is durable only when everything queued before it is.
   */
  private void announceCommitted() {
    JsonObject durable = new JsonObject();
    while (!inFlight.isEmpty() && inFlight.peekFirst().committed) {
      inFlight.pollFirst().flush.checkpoints().forEach((shard, c) -> durable.put(String.valueOf(shard), c.checkpointId()));
    }
    if (!durable.isEmpty()) {
      vertx.eventBus().publish(Addresses.STORE_DURABLE, durable);
    }
  }

  private void written(Flush flush, long t0) {
    written += flush.rows();
    tradesWritten += flush.trades();
    flushCount++;
    failures = 0;
    if (down) {
      down = false;
      vertx.eventBus().publish(Addresses.STORE_STATE, "up");
      LOG.atInfo().log("PostgreSQL is back: writes resumed");
    }
    announceCommitted();
    LOG.atDebug().addKeyValue("rows", flush.rows()).addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000).log("flush written");
    if (pressure && queue.rows() <= settings.maxQueuedRows() / 2) {
      setPressure(false);
    }
    writeNext();
  }

  private void failed(InFlight current, Throwable cause) {
    Flush flush = current.flush;
    failures++;
    failuresTotal++;
    long backoff = Math.min(MAX_BACKOFF_MS, 100L << Math.min(failures, 6));
    if (!down) {
      down = true;
      vertx.eventBus().publish(Addresses.STORE_STATE, "down");
    }
    LOG.atWarn()
        .addKeyValue("rows", flush.rows())
        .addKeyValue("attempt", failures)
        .addKeyValue("retryInMs", backoff)
        .addKeyValue("queuedRows", queue.rows())
        .log("writing to PostgreSQL failed ({}); retrying, nothing is dropped", cause.getMessage());
    var unused = vertx.setTimer(backoff, id -> write(current));
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
      if (r.failed() && !down) {
        down = true;
        vertx.eventBus().publish(Addresses.STORE_STATE, "down");
        LOG.atWarn().log("PostgreSQL does not answer ({}); not ready until it does", r.cause().getMessage());
      } else if (r.succeeded() && down && inFlight.isEmpty()) {
        down = false;
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
