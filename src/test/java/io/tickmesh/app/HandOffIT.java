package io.tickmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.cluster.ClusterView;
import io.tickmesh.cluster.Rendezvous;
import io.tickmesh.cluster.ShardOwnershipVerticle;
import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.Codecs;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.ShardHandOff;
import io.tickmesh.model.ShardOutputs;
import io.tickmesh.model.ShardReleased;
import io.tickmesh.model.Symbols;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TickBatch;
import io.tickmesh.model.TradeTick;
import io.tickmesh.obs.WallClock;
import io.tickmesh.shard.ShardStart;
import io.tickmesh.shard.ShardVerticle;
import io.tickmesh.store.EmbeddedDatabase;
import io.tickmesh.store.Store;
import io.tickmesh.store.StoreWriterVerticle;
import io.tickmesh.testing.Dirs;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A planned move as the next owner lives it, against a real PostgreSQL, the real writer and the real
 * ownership verticle of node-b; node-a is played by a real shard whose state it hands over, and by the
 * rows its last flush would write. node-b serves each handed shard at once from that state (a resent tick
 * the state holds is skipped), under the next epoch, and its writer holds the shard's rows. Where node-a's
 * hand-over commits, they are written; where it does not (node-a releases the shard instead), node-b drops
 * the shard and its held rows and claims it under an epoch two past node-a's, restored from node-a's
 * last durable checkpoint; where node-a leaves the view with no word, the ledger says whether it committed.
 */
class HandOffIT {
  private static final int SHARDS = 16;
  private static final long TS = 1_795_000_000_000_000_000L;
  private static final List<String> MEMBERS = List.of("node-a", "node-b", "node-c");

  @Test
  void theNextOwnerServesTheHandedStateAndWritesOnlyOnceTheHandOverCommits() throws Exception {
    Vertx vertx = Vertx.vertx();
    Codecs.registerAll(vertx.eventBus());
    Codecs.registerLocal(vertx.eventBus(), ClusterView.class); // as a cluster node does
    Codecs.registerLocal(vertx.eventBus(), ShardOutputs.class);
    Path dir = Files.createTempDirectory("hand-off");
    EmbeddedDatabase db = EmbeddedDatabase.start(vertx, dir.resolve("pg")).await(120, TimeUnit.SECONDS);
    String url = "postgresql://postgres:postgres@127.0.0.1:" + db.port() + "/postgres";
    TickmeshConfig config = TickmeshConfig.of(Map.of("db.url", url, "cluster.enabled", true, "shards.count", SHARDS));
    Store store = Store.open(vertx, config, "node-b").await(60, TimeUnit.SECONDS);
    try {
      var writer = vertx.deployVerticle(new StoreWriterVerticle(config, store.pool())).await(10, TimeUnit.SECONDS);
      List<Integer> toB = new ArrayList<>();
      for (int s = 0; s < SHARDS; s++) {
        if (Rendezvous.owner(s, MEMBERS).equals("node-b")) {
          toB.add(s);
        }
      }
      assertThat(toB).as("node-b's shards among %d", SHARDS).hasSizeGreaterThanOrEqualTo(3);
      int failing = toB.get(0);
      int given = toB.get(1);
      int silent = toB.get(2);
      long epoch = 1; // each shard's first claim
      List<Checkpoint> states = new ArrayList<>();
      for (int shard : List.of(failing, given, silent)) {
        assertThat(store.claim(shard, "node-a").await(10, TimeUnit.SECONDS).epoch()).isEqualTo(epoch);
        states.add(servedByNodeA(vertx, config, shard, epoch));
      }
      await("node-a's checkpoints durable", () -> count(store, "select count(*) from shard_checkpoints where epoch = " + epoch) == 3);

      var ownership = vertx.deployVerticle(new ShardOwnershipVerticle(config, "node-b", new StoreLedger(store)))
          .await(10, TimeUnit.SECONDS);
      vertx.eventBus().publish(Addresses.CLUSTER_VIEW, new ClusterView(MEMBERS, "node-b", 3));
      long stoppedAt = WallClock.nanos();
      for (Checkpoint c : states) {
        vertx.eventBus().send(Addresses.nodeHandOff("node-b"),
            new ShardHandOff(c.shard(), epoch, "node-a", "node-b", epoch + 1, c.checkpointId(), c.state(), stoppedAt));
      }
      await("the handed shards served", () -> owned(vertx).containsAll(List.of(failing, given, silent)));
      assertThat(writerStats(vertx).getInteger("heldShards")).isEqualTo(3);
      for (int shard : List.of(failing, given, silent)) {
        BatchAck ack = send(vertx, shard, 1, true, trade(shard, 1), trade(shard, 2));
        assertThat(ack.epoch()).as("served under the hand-over's epoch").isEqualTo(epoch + 1);
        assertThat(ack.applied()).as("seq 1 is in the handed state: skipped").isEqualTo(1);
        assertThat(ack.rejects()).isEmpty();
      }

      // node-a's last flush of `given` commits: the ledger names node-b under the next epoch
      var transferred = store.pool().preparedQuery("update shard_owners set node = 'node-b', epoch = epoch + 1"
          + " where shard = $1 and epoch = $2 and node = 'node-a'").execute(Tuple.of(given, epoch)).await(10, TimeUnit.SECONDS);
      vertx.eventBus().publish(Addresses.SHARD_RELEASED, new ShardReleased(given, epoch, "node-a", stoppedAt, "node-b", epoch + 1));
      // node-a's last flush of `failing` fails, and node-a releases it
      var released = store.release(failing, epoch, "node-a").await(10, TimeUnit.SECONDS);
      vertx.eventBus().publish(Addresses.SHARD_RELEASED, new ShardReleased(failing, epoch, "node-a", stoppedAt, "", 0));

      // node-a's last flush of `silent` commits, and node-a leaves the view before its notice
      var silentlyTransferred = store.pool().preparedQuery("update shard_owners set node = 'node-b', epoch = epoch + 1"
          + " where shard = $1 and epoch = $2 and node = 'node-a'").execute(Tuple.of(silent, epoch)).await(10, TimeUnit.SECONDS);
      vertx.eventBus().publish(Addresses.CLUSTER_VIEW, new ClusterView(List.of("node-b", "node-c"), "node-b", 3));
      await("the shard whose old owner left without a word written, the ledger saying its hand-over committed",
          () -> trades(store, silent) == 2);

      await("the committed shard's held rows written", () -> trades(store, given) == 2
          && count(store, "select count(*) from shard_checkpoints where shard = " + given + " and epoch = " + (epoch + 1)) == 1);
      await("the shard whose hand-over failed claimed anew", () -> {
        var owner = store.owners().await(10, TimeUnit.SECONDS).get(failing);
        return "node-b".equals(owner.node()) && owner.epoch() == epoch + 2 && owned(vertx).contains(failing);
      });
      assertThat(writerStats(vertx).getInteger("heldShards")).isZero();
      assertThat(writerStats(vertx).getLong("fencedWrites")).as("its held rows dropped").isPositive();
      assertThat(trades(store, failing)).as("only node-a's trade: node-b's was held and dropped").isEqualTo(1);
      BatchAck again = send(vertx, failing, 2, true, trade(failing, 1), trade(failing, 2));
      assertThat(again.epoch()).isEqualTo(epoch + 2);
      assertThat(again.applied()).as("restored from node-a's checkpoint: seq 2 applied again, now for good").isEqualTo(1);
      await("seq 2 written under the claim", () -> trades(store, failing) == 2);
      var undeployed = vertx.undeploy(ownership).await(10, TimeUnit.SECONDS);
      var writerGone = vertx.undeploy(writer).await(10, TimeUnit.SECONDS);
    } finally {
      var closed = store.close(vertx).await(10, TimeUnit.SECONDS);
      var stopped = db.stop(vertx).await(60, TimeUnit.SECONDS);
      var done = vertx.close().await(10, TimeUnit.SECONDS);
      Dirs.deleteTree(dir);
    }
  }

  /** node-a's shard: applies seq 1 of its symbol under {@code epoch}, stops as in a hand-over, and answers its last checkpoint. */
  private static Checkpoint servedByNodeA(Vertx vertx, TickmeshConfig config, int shard, long epoch) throws Exception {
    String id = vertx.deployVerticle(new ShardVerticle(shard, config, new ShardStart("node-a", epoch, 0, null)))
        .await(10, TimeUnit.SECONDS);
    assertThat(send(vertx, shard, 1, false, trade(shard, 1)).applied()).isEqualTo(1);
    Checkpoint last = (Checkpoint) vertx.eventBus().request(Addresses.shardStop(shard), true).await(10, TimeUnit.SECONDS).body();
    var undeployed = vertx.undeploy(id).await(10, TimeUnit.SECONDS);
    return last;
  }

  private static BatchAck send(Vertx vertx, int shard, long batchNo, boolean resent, Tick... ticks) throws Exception {
    TickBatch batch = new TickBatch("src-" + shard + "-" + resent, batchNo, shard, "cid", WallClock.nanos(), 0, resent, List.of(ticks));
    return (BatchAck) vertx.eventBus().request(Addresses.shard(shard), batch).await(10, TimeUnit.SECONDS).body();
  }

  /** Trade {@code seq} of the symbol of {@code shard}. */
  private static TradeTick trade(int shard, long seq) {
    return new TradeTick("f", seq, symbol(shard), TS + seq, 100_000_000L, 100_000_000L);
  }

  private static String symbol(int shard) {
    for (int i = 0; ; i++) {
      if (Symbols.shardOf("S" + i, SHARDS) == shard) {
        return "S" + i;
      }
    }
  }

  private static List<Integer> owned(Vertx vertx) throws Exception {
    JsonObject stats = (JsonObject) vertx.eventBus().request(Addresses.CLUSTER_OWNERSHIP_STATS, "").await(10, TimeUnit.SECONDS).body();
    return stats.getJsonArray("owned").stream().map(o -> ((Number) o).intValue()).toList();
  }

  private static JsonObject writerStats(Vertx vertx) throws Exception {
    return (JsonObject) vertx.eventBus().request(Addresses.STORE_STATS, "").await(10, TimeUnit.SECONDS).body();
  }

  private static long trades(Store store, int shard) throws Exception {
    return count(store, "select count(*) from trades where symbol = '" + symbol(shard) + "'");
  }

  private static long count(Store store, String sql) throws Exception {
    return store.pool().query(sql).execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  /** Polls {@code condition} until it holds, for at most 30 s. */
  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s: " + what);
      }
      Thread.sleep(50);
    }
  }
}
