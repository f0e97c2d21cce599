package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.TradeTick;
import io.tickmesh.testing.Dirs;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The store's claims for the cluster, against a real PostgreSQL through {@link Store}: with
 * {@code cluster.enabled} opening claims nothing; a claim raises one shard's epoch and restores its last
 * checkpoint; a release takes effect only for the epoch that holds the shard, and fences its writes;
 * {@link Store#owners} shows every shard. The single-node path still claims every shard at open.
 */
class ShardClaimsIT {
  @Test
  void claimReleaseAndOwnersDoWhatTheySay() throws Exception {
    withStore("shard-claims", (vertx, url, store) -> {
      assertThat(store.shards()).as("a cluster node claims nothing at open").isEmpty();
      assertThat(store.owners().await(10, TimeUnit.SECONDS))
          .containsExactly(unclaimed(0), unclaimed(1), unclaimed(2), unclaimed(3));

      ClaimResult first = store.claim(1, "node-a").await(10, TimeUnit.SECONDS);
      assertThat(first.epoch()).isEqualTo(1);
      assertThat(first.restore()).satisfies(r -> {
        assertThat(r.checkpointId()).as("nothing to restore yet").isZero();
        assertThat(r.state()).isNull();
      });
      assertThat(owner(store, 1)).satisfies(o -> {
        assertThat(o.node()).isEqualTo("node-a");
        assertThat(o.epoch()).isEqualTo(1);
        assertThat(o.sinceNs()).isPositive();
      });
      assertThat(write(store, checkpoint(1, 7))).isEmpty();

      ClaimResult second = store.claim(1, "node-b").await(10, TimeUnit.SECONDS);
      assertThat(second.epoch()).as("a claim skips the epoch a hand-over of epoch 1 would give").isEqualTo(3);
      assertThat(second.restore().checkpointId()).isEqualTo(7);
      assertThat(second.restore().state()).containsExactly(7);

      var stale = store.release(1, 1, "node-a").await(10, TimeUnit.SECONDS);
      assertThat(owner(store, 1)).as("a release of an epoch that no longer holds the shard changes nothing")
          .extracting(ShardOwner::node, ShardOwner::epoch).containsExactly("node-b", 3L);

      var released = store.release(1, 3, "node-b").await(10, TimeUnit.SECONDS);
      assertThat(owner(store, 1)).extracting(ShardOwner::node, ShardOwner::epoch).containsExactly(null, 3L);
      assertThat(write(store, new Checkpoint(1, 3, 8, new byte[] {8}, Map.of(), 1)))
          .as("a released shard's writes are refused").singleElement()
          .satisfies(w -> assertThat(w.owner().owned()).isFalse());

      ClaimResult third = store.claim(1, "node-a").await(10, TimeUnit.SECONDS);
      assertThat(third.epoch()).isEqualTo(5);
      assertThat(third.restore().checkpointId()).isEqualTo(7);
      assertThat(store.claim(4, "node-a").toCompletionStage().toCompletableFuture()).failsWithin(10, TimeUnit.SECONDS)
          .withThrowableThat().withMessageContaining("no shard 4: shards.count is 4");

      assertThat(Store.open(vertx, config(url, true, 8), "node-c").toCompletionStage().toCompletableFuture())
          .as("a cluster node still checks shards.count").failsWithin(60, TimeUnit.SECONDS)
          .withThrowableThat().withMessageContaining("shards.count is 8 but this database was created with 4");
      Store single = Store.open(vertx, config(url, false, 4), "node-d").await(60, TimeUnit.SECONDS);
      try {
        assertThat(single.shards()).as("a single node claims every shard at open").hasSize(4);
        assertThat(single.shards().get(1).epoch()).isEqualTo(7);
        assertThat(single.owners().await(10, TimeUnit.SECONDS)).extracting(ShardOwner::node).containsOnly("node-d");
      } finally {
        var closedSingle = single.close(vertx).await(10, TimeUnit.SECONDS);
      }
    });
  }

  /**
   * A planned move's last flush: the shard's last trade, its last checkpoint and its hand-over to the next
   * owner under the next epoch commit together; that owner adopts the shard without a claim, restoring that
   * checkpoint; a last flush under an epoch that no longer holds the shard writes nothing; without a next
   * owner the last flush releases the shard.
   */
  @Test
  void aLastFlushWritesTheRowsTheCheckpointAndTheHandOverTogether() throws Exception {
    withStore("shard-handover", (vertx, url, store) -> {
      long epoch = store.claim(2, "node-a").await(10, TimeUnit.SECONDS).epoch();
      assertThat(store.adopt(2, "node-b", epoch + 1).await(10, TimeUnit.SECONDS)).as("nothing given yet").isNull();

      StoreQueue queue = new StoreQueue(true);
      queue.add(new StoreBatch(2, epoch, List.of(new TradeTick("f", 9, "LAST", 1_795_000_000_000_000_000L, 100_000_000L, 100_000_000L)),
          List.of()));
      queue.add(new Checkpoint(2, epoch, 11, new byte[] {11}, Map.of("f", 9L), 1));
      Flush last = queue.takeShards(java.util.Set.of(2));
      assertThat(last.writeFinal(store.pool(), 2, epoch + 5, "node-a", "node-b").await(10, TimeUnit.SECONDS))
          .as("under an epoch that does not hold the shard: nothing written").isZero();
      assertThat(count(store, "select count(*) from trades where symbol = 'LAST'")).isZero();

      long next = last.writeFinal(store.pool(), 2, epoch, "node-a", "node-b").await(10, TimeUnit.SECONDS);
      assertThat(next).isEqualTo(epoch + 1);
      assertThat(owner(store, 2)).extracting(ShardOwner::node, ShardOwner::epoch).containsExactly("node-b", epoch + 1);
      assertThat(count(store, "select count(*) from trades where symbol = 'LAST'")).isEqualTo(1);
      StoredShard adopted = store.adopt(2, "node-b", epoch + 1).await(10, TimeUnit.SECONDS);
      assertThat(adopted.checkpointId()).isEqualTo(11);
      assertThat(adopted.state()).containsExactly(11);
      assertThat(store.adopt(2, "node-c", epoch + 1).await(10, TimeUnit.SECONDS)).as("given to node-b only").isNull();
      assertThat(write(store, new Checkpoint(2, epoch, 12, new byte[] {12}, Map.of(), 1)))
          .as("the old owner's writes are refused from the hand-over on").hasSize(1);

      StoreQueue more = new StoreQueue(true);
      more.add(new Checkpoint(2, epoch + 1, 13, new byte[] {13}, Map.of(), 1));
      assertThat(more.takeShards(java.util.Set.of(2)).writeFinal(store.pool(), 2, epoch + 1, "node-b", null).await(10, TimeUnit.SECONDS))
          .as("no next owner: released, same epoch").isEqualTo(epoch + 1);
      assertThat(owner(store, 2)).extracting(ShardOwner::node, ShardOwner::epoch).containsExactly(null, epoch + 1);
      assertThat(store.claim(2, "node-c").await(10, TimeUnit.SECONDS).restore().checkpointId()).isEqualTo(13);
    });
  }

  /** Runs {@code test} against a cluster node's {@link Store} (4 shards) on a fresh embedded PostgreSQL at {@code url}. */
  private static void withStore(String name, StoreTest test) throws Exception {
    Vertx vertx = Vertx.vertx();
    Path dir = Files.createTempDirectory(name);
    EmbeddedDatabase db = EmbeddedDatabase.start(vertx, dir.resolve("pg")).await(120, TimeUnit.SECONDS);
    String url = "postgresql://postgres:postgres@127.0.0.1:" + db.port() + "/postgres";
    Store store = Store.open(vertx, config(url, true, 4), "node-a").await(60, TimeUnit.SECONDS);
    try {
      test.run(vertx, url, store);
    } finally {
      var closed = store.close(vertx).await(10, TimeUnit.SECONDS);
      var stopped = db.stop(vertx).await(60, TimeUnit.SECONDS);
      var done = vertx.close().await(10, TimeUnit.SECONDS);
    }
    Dirs.deleteTree(dir);
  }

  /** A test of a store opened by {@link #withStore}. */
  @FunctionalInterface
  private interface StoreTest {
    void run(Vertx vertx, String url, Store store) throws Exception;
  }


  private static long count(Store store, String sql) throws Exception {
    return store.pool().query(sql).execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  private static TickmeshConfig config(String url, boolean cluster, int shards) {
    return TickmeshConfig.of(Map.of("db.url", url, "cluster.enabled", cluster, "shards.count", shards));
  }

  private static ShardOwner unclaimed(int shard) {
    return ShardOwner.unclaimed(shard);
  }

  private static ShardOwner owner(Store store, int shard) throws Exception {
    return store.owners().await(10, TimeUnit.SECONDS).get(shard);
  }

  private static Checkpoint checkpoint(int shard, long id) {
    return new Checkpoint(shard, 1, id, new byte[] {(byte) id}, Map.of(), 1);
  }

  private static List<FencedWrite> write(Store store, Checkpoint c) throws Exception {
    StoreQueue queue = new StoreQueue(true);
    queue.add(c);
    return queue.take(10).write(store.pool()).await(10, TimeUnit.SECONDS);
  }
}
