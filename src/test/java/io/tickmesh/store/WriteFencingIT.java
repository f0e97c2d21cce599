package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.Codecs;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.FeedPositions;
import io.tickmesh.model.ShardFenced;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.TradeTick;
import io.tickmesh.model.WriteGate;
import io.tickmesh.testing.Dirs;
import io.tickmesh.testing.LogCapture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Every write of a shard's output is fenced by its ownership epoch, against a real PostgreSQL and the
 * real writer: after another node's claim, the old owner's trades, bars and checkpoints are refused
 * (not retried) while other shards' rows in the same flush are stored, and the writer says so once; a
 * claim waits for a write in flight (it holds the shard's row {@code FOR SHARE}) and restores what it
 * committed. Each test uses shards and symbols of its own on one database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteFencingIT {
  private static final long TS = 1_795_000_000_000_000_000L;
  private static final DeliveryOptions SLOW = new DeliveryOptions().setSendTimeout(60_000);
  /** Flushes are cut only on request. */
  private static final TickmeshConfig CONFIG = TickmeshConfig.of(Map.of("store.batchRows", 1000, "store.flushMs", 10_000));

  private Vertx vertx;
  private Path dir;
  private EmbeddedDatabase db;
  private Pool pool;

  @BeforeAll
  void database() throws Exception {
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx.eventBus());
    dir = Files.createTempDirectory("write-fencing");
    db = EmbeddedDatabase.start(vertx, dir.resolve("pg")).await(120, TimeUnit.SECONDS);
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(db.connectOptions()).using(vertx).build();
    var migrated = Migrations.apply(vertx, pool).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() throws Exception {
    var closed = pool.close().await(10, TimeUnit.SECONDS);
    var stopped = db.stop(vertx).await(60, TimeUnit.SECONDS);
    var done = vertx.close().await(10, TimeUnit.SECONDS);
    Dirs.deleteTree(dir);
  }

  @Test
  void anOldEpochsRowsAreRefusedAndTheRestOfTheFlushIsStored() throws Exception {
    long a = claim(0, "node-a");
    long b = claim(1, "node-a");
    try (LogCapture log = new LogCapture(); Writer writer = new Writer()) {
      long taken = claim(0, "node-b"); // another node takes shard 0 over

      send(new StoreBatch(0, a, List.of(trade("OLD0", 1)), List.of()));
      send(new StoreBatch(1, b, List.of(trade("KEPT1", 2)), List.of()));
      send(new Checkpoint(0, a, 1, new byte[] {1}, Map.of("f", 1L), TS));
      send(new Checkpoint(1, b, 1, new byte[] {1}, Map.of("f", 2L), TS));
      flush();

      assertThat(count("select count(*) from trades where symbol = 'OLD0'")).as("the old owner's trade").isZero();
      assertThat(count("select count(*) from trades where symbol = 'KEPT1'")).isEqualTo(1);
      assertThat(count("select count(*) from shard_checkpoints where shard = 0")).as("the old owner's checkpoint").isZero();
      assertThat(count("select count(*) from shard_checkpoints where shard = 1")).isEqualTo(1);
      writer.awaitDurable(1, 1);

      // later rows of shard 0 at that epoch are refused on arrival; the shard's other rows go on
      send(new StoreBatch(0, a, List.of(trade("OLD0", 3)), List.of()));
      send(new Checkpoint(0, a, 2, new byte[] {2}, Map.of("f", 3L), TS));
      send(new StoreBatch(1, b, List.of(trade("KEPT1", 4)), List.of()));
      flush();

      assertThat(count("select count(*) from trades where symbol = 'OLD0'")).isZero();
      assertThat(count("select count(*) from trades where symbol = 'KEPT1'")).isEqualTo(2);
      JsonObject stats = stats();
      assertThat(stats.getLong("fencedShards")).isEqualTo(1);
      assertThat(stats.getLong("fencedWrites")).as("a trade and a checkpoint, twice").isEqualTo(4);
      assertThat(stats.getLong("failures")).as("a fenced write is not a failure to retry").isZero();
      assertThat(writer.fencedNotices()).containsExactly(new ShardFenced(0, a));
      assertThat(LogCapture.show(log.atLeast(Level.WARN))).containsOnlyOnce("fenced")
          .contains("shard 0 is fenced at epoch " + a + ": now owned by node-b at epoch " + taken);
    }
  }

  @Test
  void aFencedCheckpointIsDroppedNotRetriedAndTheWriterGoesOn() throws Exception {
    long a = claim(4, "node-a");
    long b = claim(5, "node-a");
    try (Writer writer = new Writer()) {
      long taken = claim(4, "node-b");
      send(new Checkpoint(4, a, 1, new byte[] {1}, Map.of(), TS));
      flush();
      send(new StoreBatch(5, b, List.of(trade("AFTER5", 1)), List.of()));
      send(new Checkpoint(5, b, 1, new byte[] {1}, Map.of(), TS));
      flush();

      assertThat(count("select count(*) from shard_checkpoints where shard = 4")).isZero();
      assertThat(count("select count(*) from shard_checkpoints where shard = 5")).isEqualTo(1);
      assertThat(count("select count(*) from trades where symbol = 'AFTER5'")).isEqualTo(1);
      assertThat(stats().getLong("failures")).isZero();
      assertThat(writer.fencedNotices()).containsExactly(new ShardFenced(4, a));
      assertThat(taken).isEqualTo(a + 2);
    }
  }

  @Test
  void aClaimWaitsForACheckpointInFlightAndRestoresIt() throws Exception {
    long a = claim(2, "node-a");
    SqlConnection blocker = pool.getConnection().await(10, TimeUnit.SECONDS);
    try (Writer writer = new Writer()) {
      // another transaction holds the feed position the checkpoint's transaction writes after the checkpoint
      Transaction tx = blocker.begin().await(10, TimeUnit.SECONDS);
      var held = blocker.query("insert into feed_positions (feed, seq, updated_at_ns) values ('held2', 1, 0)").execute().await(10, TimeUnit.SECONDS);
      send(new Checkpoint(2, a, 5, new byte[] {5}, Map.of("held2", 9L), TS));
      send(new FeedPositions(Map.of("held2", 9L), TS));
      var flushed = vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject(), SLOW);

      StoredShard restore = claimBehind(2, "insert into feed_positions%", tx).restore();
      assertThat(restore.epoch()).isEqualTo(a + 2);
      assertThat(restore.checkpointId()).as("the claimant restores what committed before it").isEqualTo(5);
      assertThat(restore.state()).containsExactly(5);
      assertThat(flushed.await(30, TimeUnit.SECONDS)).isNotNull();
      writer.awaitDurable(2, 5);
      assertThat(writer.fencedNotices()).isEmpty();
    } finally {
      var closed = blocker.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aClaimWaitsForDataInFlight() throws Exception {
    long a = claim(3, "node-a");
    TradeTick trade = trade("HELD3", 1);
    SqlConnection blocker = pool.getConnection().await(10, TimeUnit.SECONDS);
    try (Writer writer = new Writer()) {
      // another transaction inserts the trade's key: the writer's insert of it waits, holding shard 3's row
      Transaction tx = blocker.begin().await(10, TimeUnit.SECONDS);
      var held = blocker.preparedQuery("insert into trades (symbol, ts_ns, feed, seq, px, qty) values ($1, $2, $3, $4, 1, 1)")
          .execute(Tuple.of(trade.symbol(), trade.ts(), trade.feed(), trade.seq())).await(10, TimeUnit.SECONDS);
      send(new StoreBatch(3, a, List.of(trade), List.of()));
      var flushed = vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject(), SLOW);

      assertThat(claimBehind(3, "insert into trades%", tx).epoch()).isEqualTo(a + 2);
      assertThat(count("select count(*) from trades where symbol = 'HELD3'")).as("committed before the claim").isEqualTo(1);
      assertThat(flushed.await(30, TimeUnit.SECONDS)).isNotNull();
    } finally {
      var closed = blocker.close().await(10, TimeUnit.SECONDS);
    }
  }

  /**
   * A shard served from a hand-off's state before its hand-over committed: the writer holds its rows under
   * the new epoch (a flush request does not wait for them), writes them once told the hand-over committed,
   * and, for a hand-over that did not, drops them, refuses that epoch from then on and tells the shard.
   */
  @Test
  void aProvisionalShardsRowsWaitForItsHandOverAndAreDroppedIfItFails() throws Exception {
    long a = claim(6, "node-a");
    long b = claim(7, "node-a");
    long c = claim(8, "node-a");
    try (Writer writer = new Writer()) {
      gate(6, a + 1, WriteGate.Action.HOLD);
      gate(7, b + 1, WriteGate.Action.HOLD);
      send(new StoreBatch(6, a + 1, List.of(trade("HELD6", 1)), List.of()));
      send(new Checkpoint(6, a + 1, 1, new byte[] {1}, Map.of(), TS));
      send(new StoreBatch(7, b + 1, List.of(trade("HELD7", 1)), List.of()));
      send(new StoreBatch(8, c, List.of(trade("FREE8", 1)), List.of()));
      flush();
      assertThat(count("select count(*) from trades where symbol in ('HELD6', 'HELD7')")).as("held").isZero();
      assertThat(count("select count(*) from trades where symbol = 'FREE8'")).as("other shards are written").isEqualTo(1);
      assertThat(stats().getInteger("heldShards")).isEqualTo(2);

      long given = new StoreQueue(true).takeShards(java.util.Set.of(6)).writeFinal(pool, 6, a, "node-a", "node-b")
          .await(10, TimeUnit.SECONDS);
      assertThat(given).isEqualTo(a + 1);
      gate(6, a + 1, WriteGate.Action.WRITE);
      writer.awaitDurable(6, 1);
      assertThat(count("select count(*) from trades where symbol = 'HELD6'")).isEqualTo(1);

      gate(7, b + 1, WriteGate.Action.DISCARD);
      send(new StoreBatch(7, b + 1, List.of(trade("HELD7", 2)), List.of()));
      flush();
      assertThat(count("select count(*) from trades where symbol = 'HELD7'")).as("dropped, and refused after").isZero();
      assertThat(writer.fencedNotices()).containsExactly(new ShardFenced(7, b + 1));
      assertThat(stats().getInteger("heldShards")).isZero();
      assertThat(stats().getLong("fencedWrites")).isEqualTo(2);
    }
  }

  /**
   * Rows made again from replayed ticks (after a restart or a takeover) meet rows stored before: the
   * writer's plain inserts fail on them, and the flush is written again, storing each trade once and
   * keeping each bar's newest revision.
   */
  @Test
  void rowsStoredBeforeAreStoredOnceAndABarKeepsItsNewestRevision() throws Exception {
    long a = claim(9, "node-a");
    ch.qos.logback.classic.Logger flushLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Flush.class);
    flushLog.setLevel(Level.INFO); // the test configuration logs io.tickmesh from WARN
    try (LogCapture log = new LogCapture(); Writer writer = new Writer()) {
      send(new StoreBatch(9, a, List.of(trade("AGAIN9", 1), trade("AGAIN9", 2)), List.of(bar("AGAIN9", 0, "10"), bar("AGAIN9B", 1, "11"))));
      flush();
      assertThat(LogCapture.show(log.atLeast(Level.INFO))).as("nothing was stored before").doesNotContain("written again");

      send(new StoreBatch(9, a, List.of(trade("AGAIN9", 2), trade("AGAIN9", 3)), List.of(bar("AGAIN9", 0, "10"), bar("AGAIN9B", 0, "12"))));
      flush();

      assertThat(count("select count(*) from trades where symbol = 'AGAIN9'")).as("trades 1, 2 and 3, once each").isEqualTo(3);
      assertThat(count("select count(*) from bars where symbol like 'AGAIN9%'")).isEqualTo(2);
      assertThat(count("select revision from bars where symbol = 'AGAIN9B'")).as("the newer revision is kept").isEqualTo(1);
      assertThat(count("select count(*) from bars where symbol = 'AGAIN9B' and close = 11")).isEqualTo(1);
      assertThat(stats().getLong("failures")).isZero();
      assertThat(stats().getLong("quarantined")).isZero();
      assertThat(LogCapture.show(log.atLeast(Level.INFO))).containsOnlyOnce("written again, skipping them");
    } finally {
      flushLog.setLevel(null);
    }
  }

  /** A bar's decimals are stored exactly, a volume beyond a long at eight places too. */
  @Test
  void aBarsDecimalsAreStoredExactly() throws Exception {
    long a = claim(10, "node-a");
    BigDecimal big = new BigDecimal("123456789012345.12345678"); // 1.2e22 at eight places: not a long
    Bar small = new Bar("EXACT10", BarInterval.parse("1s"), TS, new BigDecimal("0.00000001"), new BigDecimal("92233720368.54775807"),
        new BigDecimal("0.00000001"), new BigDecimal("1.5"), new BigDecimal("3"), new BigDecimal("45.12345678"), 2, 0);
    Bar large = new Bar("EXACT10B", BarInterval.parse("1s"), TS, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, big,
        BigDecimal.ONE, 7, 0);
    try (Writer writer = new Writer()) {
      send(new StoreBatch(10, a, List.of(), List.of(small, large)));
      flush();
      Row s = pool.query("select open, high, low, close, volume, vwap, trades from bars where symbol = 'EXACT10'").execute()
          .await(10, TimeUnit.SECONDS).iterator().next();
      assertThat(List.of(s.getBigDecimal("open"), s.getBigDecimal("high"), s.getBigDecimal("low"), s.getBigDecimal("close"),
              s.getBigDecimal("volume"), s.getBigDecimal("vwap")))
          .usingElementComparator(BigDecimal::compareTo)
          .containsExactly(small.open(), small.high(), small.low(), small.close(), small.volume(), small.vwap());
      assertThat(s.getLong("trades")).isEqualTo(2);
      Row l = pool.query("select volume from bars where symbol = 'EXACT10B'").execute().await(10, TimeUnit.SECONDS).iterator().next();
      assertThat(l.getBigDecimal("volume")).isEqualByComparingTo(big);
      assertThat(stats().getLong("failures")).isZero();
    }
  }

  /** The writer under test, with what it published; undeployed at the end of the test. */
  private final class Writer implements AutoCloseable {
    private final BlockingQueue<Object> fenced = new LinkedBlockingQueue<>();
    private final BlockingQueue<DurableCheckpoints> durable = new LinkedBlockingQueue<>();
    private final MessageConsumer<Object> fencedConsumer;
    private final MessageConsumer<DurableCheckpoints> durableConsumer;
    private final String deployment;

    Writer() throws Exception {
      fencedConsumer = vertx.eventBus().localConsumer(Addresses.STORE_FENCED, m -> fenced.add(m.body()));
      durableConsumer = vertx.eventBus().localConsumer(Addresses.STORE_DURABLE, m -> durable.add(m.body()));
      var ready = Future.all(fencedConsumer.completion(), durableConsumer.completion()).await(10, TimeUnit.SECONDS);
      deployment = vertx.deployVerticle(new StoreWriterVerticle(CONFIG, pool)).await(10, TimeUnit.SECONDS);
    }

    /**
     * The notices published so far. A marker published now reaches the consumer after every notice the
     * writer published before (one consumer handles its messages in order), so the list is complete.
     */
    List<Object> fencedNotices() throws Exception {
      String marker = "end";
      vertx.eventBus().publish(Addresses.STORE_FENCED, marker);
      List<Object> notices = new ArrayList<>();
      for (Object next = take(fenced, "the marker"); !marker.equals(next); next = take(fenced, "the marker")) {
        notices.add(next);
      }
      return notices;
    }

    /** Waits for the writer to announce checkpoint {@code id} of {@code shard} durable; earlier announcements are passed over. */
    void awaitDurable(int shard, long id) throws Exception {
      while (take(durable, "durable checkpoint " + id + " of shard " + shard).checkpoints().stream()
          .noneMatch(d -> d.shard() == shard && d.checkpointId() == id)) {
        // an earlier announcement
      }
    }

    @Override
    public void close() throws Exception {
      var undeployed = vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
      var unregistered = Future.all(fencedConsumer.unregister(), durableConsumer.unregister()).await(10, TimeUnit.SECONDS);
    }
  }

  private long claim(int shard, String node) throws Exception {
    return ShardClaims.claim(pool, shard, node).await(30, TimeUnit.SECONDS).epoch();
  }

  private void send(Object item) {
    vertx.eventBus().send(Addresses.STORE_WRITE, item);
  }

  /** Everything sent before is written (or refused) once this returns. */
  private void flush() throws Exception {
    var answered = vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject(), SLOW).await(60, TimeUnit.SECONDS);
  }

  private void gate(int shard, long epoch, WriteGate.Action action) throws Exception {
    var done = vertx.eventBus().request(Addresses.STORE_GATE, new WriteGate(shard, epoch, action)).await(10, TimeUnit.SECONDS);
  }

  private JsonObject stats() throws Exception {
    return (JsonObject) vertx.eventBus().request(Addresses.STORE_STATS, new JsonObject()).await(10, TimeUnit.SECONDS).body();
  }

  private long count(String sql) throws Exception {
    return pool.query(sql).execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  /**
   * Once the writer's statement like {@code held} waits for the lock of {@code blocker}, claims
   * {@code shard} for node-b and checks that the claim waits for that write; then lets the write go on
   * (rolls {@code blocker} back) and answers the claim.
   */
  private ClaimResult claimBehind(int shard, String held, Transaction blocker) throws Exception {
    awaitLockWait(held);
    var claim = ShardClaims.claim(pool, shard, "node-b");
    awaitLockWait("select pg_advisory_xact_lock(%"); // the claim waits for the fence lock the write holds
    assertThat(claim.isComplete()).as("the claim waits for the write in flight").isFalse();
    var rolledBack = blocker.rollback().await(10, TimeUnit.SECONDS);
    return claim.await(30, TimeUnit.SECONDS);
  }

  /** Asks PostgreSQL, until a deadline, until a statement like {@code pattern} waits for a lock. */
  private void awaitLockWait(String pattern) throws Exception {
    String sql = "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like $1";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (pool.preparedQuery(sql).execute(Tuple.of(pattern)).await(10, TimeUnit.SECONDS).iterator().next().getLong(0) == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no statement like '" + pattern + "' waits for a lock within 20 s");
      }
    }
  }

  private static TradeTick trade(String symbol, long seq) {
    return new TradeTick("f", seq, symbol, TS + seq, 100_000_000L, 100_000_000L);
  }

  private static Bar bar(String symbol, int revision, String close) {
    BigDecimal px = new BigDecimal(close);
    return new Bar(symbol, BarInterval.parse("1s"), TS, px, px, px, px, BigDecimal.ONE, px, 1, revision);
  }

  private static <T> T take(BlockingQueue<T> published, String what) throws InterruptedException {
    T next = published.poll(20, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("not published within 20 s: " + what);
    }
    return next;
  }
}
