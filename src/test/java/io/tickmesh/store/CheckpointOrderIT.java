package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.Codecs;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.TradeTick;
import io.tickmesh.testing.Dirs;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The writer's crash-safety rule, against a real PostgreSQL: with two flushes in flight, a checkpoint
 * must not be stored while data queued before it is still uncommitted. A kill -9 at that moment would
 * leave a checkpoint that covers trades the database never got, and the restart would skip them as
 * duplicates: lost. Here the first flush is held by a row lock of another transaction; the later trade
 * commits, but the checkpoint waits until the first flush has committed.
 */
class CheckpointOrderIT {
  private static final long TS = 1_795_000_000_000_000_000L;

  @Test
  void aCheckpointIsNeverStoredAheadOfDataQueuedBeforeIt() throws Exception {
    withDatabase("checkpoint-order", 4, (vertx, pool, open) -> {
      // "durable" means on disk: the library's test defaults (no fsync, asynchronous commit) are overridden
      assertThat(setting(pool, "fsync")).isEqualTo("on");
      assertThat(setting(pool, "synchronous_commit")).isEqualTo("on");
      long epoch = ShardClaims.claimAll(pool, 1, "node-a").await(30, TimeUnit.SECONDS).get(0).epoch();
      TradeTick held = new TradeTick("f", 1, "HELD", TS, 100_000_000L, 100_000_000L);
      TradeTick later = new TradeTick("f", 2, "LATER", TS, 100_000_000L, 100_000_000L);

      // Another transaction inserts the first trade's key and keeps it open: the writer's insert of that
      // key waits for it (ON CONFLICT must know whether the row will exist).
      Transaction tx = holdTradeKey(pool, open, "HELD", 1);

      List<DurableCheckpoints> durable = new CopyOnWriteArrayList<>();
      var listening = vertx.eventBus().<DurableCheckpoints>localConsumer(Addresses.STORE_DURABLE, m -> durable.add(m.body()))
          .completion().await(10, TimeUnit.SECONDS);
      // Flushes are cut only on request here: the first holds the held trade, the second the later trade
      // and the checkpoint that covers both.
      TickmeshConfig config = TickmeshConfig.of(Map.of("store.batchRows", 1000, "store.flushMs", 10_000));
      var deployed = vertx.deployVerticle(new StoreWriterVerticle(config, pool)).await(10, TimeUnit.SECONDS);
      vertx.eventBus().send(Addresses.STORE_WRITE, new StoreBatch(0, epoch, List.of(held), List.of()));
      var first = vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject(), new DeliveryOptions().setSendTimeout(60_000));
      Thread.sleep(200);
      vertx.eventBus().send(Addresses.STORE_WRITE, new StoreBatch(0, epoch, List.of(later), List.of()));
      vertx.eventBus().send(Addresses.STORE_WRITE, new Checkpoint(0, epoch, 1, new byte[] {1}, Map.of("f", 2L), TS));
      var second = vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject(), new DeliveryOptions().setSendTimeout(60_000));

      awaitCount(pool, "select count(*) from trades where symbol = 'LATER'", 1);
      Thread.sleep(1_000); // time for a wrong writer to store the checkpoint
      assertThat(count(pool, "select count(*) from shard_checkpoints")).as("checkpoint stored ahead of held data").isZero();
      assertThat(durable).isEmpty();

      var rolledBack = tx.rollback().await(10, TimeUnit.SECONDS);
      awaitCount(pool, "select count(*) from shard_checkpoints where checkpoint_id = 1", 1);
      assertThat(count(pool, "select count(*) from trades")).isEqualTo(2);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (durable.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(durable).containsExactly(new DurableCheckpoints(List.of(new DurableCheckpoints.Durable(0, epoch, 1))));
      assertThat(second.await(20, TimeUnit.SECONDS)).isNotNull(); // flush requests answer once all is written
      assertThat(first.succeeded()).isTrue();
    });
  }

  /**
   * A hand-over (issue 8, planned moves): the writer says a shard is drained only once no flush of the
   * common backlog still writes its rows; after that the shard's last checkpoint is written and announced
   * durable while another shard's flush, ahead of it, is still held.
   */
  @Test
  void aHandedOverShardsLastCheckpointWaitsForItsOwnRowsOnly() throws Exception {
    withDatabase("checkpoint-handover", 8, (vertx, pool, open) -> {
      var claimed = ShardClaims.claimAll(pool, 2, "node-a").await(30, TimeUnit.SECONDS);
      long epoch0 = claimed.get(0).epoch();
      long epoch1 = claimed.get(1).epoch();
      TradeTick held0 = new TradeTick("f", 1, "HELD0", TS, 100_000_000L, 100_000_000L);
      TradeTick held1 = new TradeTick("f", 2, "HELD1", TS, 100_000_000L, 100_000_000L);
      TradeTick last0 = new TradeTick("f", 3, "LAST0", TS, 100_000_000L, 100_000_000L);
      Transaction txA = holdTradeKey(pool, open, "HELD0", 1);
      Transaction txB = holdTradeKey(pool, open, "HELD1", 2);

      List<DurableCheckpoints> durable = new CopyOnWriteArrayList<>();
      var listening = vertx.eventBus().<DurableCheckpoints>localConsumer(Addresses.STORE_DURABLE, m -> durable.add(m.body()))
          .completion().await(10, TimeUnit.SECONDS);
      TickmeshConfig config = TickmeshConfig.of(Map.of("store.batchRows", 1000, "store.flushMs", 10_000));
      var deployed = vertx.deployVerticle(new StoreWriterVerticle(config, pool)).await(10, TimeUnit.SECONDS);
      DeliveryOptions wait = new DeliveryOptions().setSendTimeout(60_000);
      // two flushes of the common backlog in flight, each held: shard 0's row first, then shard 1's
      vertx.eventBus().send(Addresses.STORE_WRITE, new StoreBatch(0, epoch0, List.of(held0), List.of()));
      var first = vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject(), wait);
      Thread.sleep(200);
      vertx.eventBus().send(Addresses.STORE_WRITE, new StoreBatch(1, epoch1, List.of(held1), List.of()));
      var second = vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject(), wait);
      Thread.sleep(200);

      var drained = vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject().put("shard", 0).put("drain", true), wait);
      Thread.sleep(1_000); // time for a wrong writer to answer
      assertThat(drained.isComplete()).as("drained while a flush of the backlog still writes shard 0's rows").isFalse();
      var rolledBackA = txA.rollback().await(10, TimeUnit.SECONDS);
      assertThat(drained.await(20, TimeUnit.SECONDS)).isNotNull();

      // the shard stops: its last rows and checkpoint, then the hand-over's flush request
      vertx.eventBus().send(Addresses.STORE_WRITE, new StoreBatch(0, epoch0, List.of(last0), List.of()));
      vertx.eventBus().send(Addresses.STORE_WRITE, new Checkpoint(0, epoch0, 7, new byte[] {1}, Map.of("f", 3L), TS));
      var urgent = vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject().put("shard", 0), wait).await(10, TimeUnit.SECONDS);
      awaitCount(pool, "select count(*) from shard_checkpoints where shard = 0 and checkpoint_id = 7", 1);
      assertThat(count(pool, "select count(*) from trades where symbol in ('HELD0', 'LAST0')")).isEqualTo(2);
      assertThat(second.isComplete()).as("shard 1's flush is still held").isFalse();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (durable.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(durable).containsExactly(new DurableCheckpoints(List.of(new DurableCheckpoints.Durable(0, epoch0, 7))));

      var rolledBackB = txB.rollback().await(10, TimeUnit.SECONDS);
      assertThat(second.await(20, TimeUnit.SECONDS)).isNotNull();
      assertThat(first.succeeded()).isTrue();
      assertThat(count(pool, "select count(*) from trades")).isEqualTo(3);
    });
  }

  /**
   * Inserts the key of trade (f, {@code seq}) of {@code symbol} in a transaction it keeps open, on a
   * connection of its own (closed after the test): the writer's insert of that key waits for it.
   */
  private static Transaction holdTradeKey(Pool pool, List<SqlConnection> open, String symbol, long seq) throws Exception {
    SqlConnection blocker = pool.getConnection().await(10, TimeUnit.SECONDS);
    open.add(blocker);
    Transaction tx = blocker.begin().await(10, TimeUnit.SECONDS);
    var inserted = blocker.query("insert into trades (symbol, ts_ns, feed, seq, px, qty) values ('" + symbol + "', " + TS + ", 'f', "
        + seq + ", 1, 1)").execute().await(10, TimeUnit.SECONDS);
    return tx;
  }

  /** Runs {@code test} on a fresh embedded PostgreSQL, migrated, with a pool of {@code connections}; closes it all after. */
  private static void withDatabase(String name, int connections, DatabaseTest test) throws Exception {
    Vertx vertx = Vertx.vertx();
    Codecs.registerAll(vertx.eventBus());
    Path dir = Files.createTempDirectory(name);
    EmbeddedDatabase db = EmbeddedDatabase.start(vertx, dir.resolve("pg")).await(120, TimeUnit.SECONDS);
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(connections)).connectingTo(db.connectOptions()).using(vertx).build();
    List<SqlConnection> held = new java.util.ArrayList<>();
    try {
      var migrated = Migrations.apply(vertx, pool).await(60, TimeUnit.SECONDS);
      test.run(vertx, pool, held);
    } finally {
      for (SqlConnection c : held) {
        var closedHeld = c.close().await(10, TimeUnit.SECONDS);
      }
      var closed = pool.close().await(10, TimeUnit.SECONDS);
      var stopped = db.stop(vertx).await(60, TimeUnit.SECONDS);
      var done = vertx.close().await(10, TimeUnit.SECONDS);
    }
    Dirs.deleteTree(dir);
  }

  /** A test against the database: {@code held} are connections it took from the pool, closed after it. */
  @FunctionalInterface
  private interface DatabaseTest {
    void run(Vertx vertx, Pool pool, List<SqlConnection> held) throws Exception;
  }


  private static String setting(Pool pool, String name) throws Exception {
    return pool.query("show " + name).execute().await(10, TimeUnit.SECONDS).iterator().next().getString(0);
  }

  private static long count(Pool pool, String sql) throws Exception {
    return pool.query(sql).execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  private static void awaitCount(Pool pool, String sql, long expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (count(pool, sql) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(sql + " did not reach " + expected + " in 20 s");
      }
      Thread.sleep(20);
    }
  }
}
