package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.Checkpoint;
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
    Vertx vertx = Vertx.vertx();
    Path dir = Files.createTempDirectory("shard-claims");
    EmbeddedDatabase db = EmbeddedDatabase.start(vertx, dir.resolve("pg")).await(120, TimeUnit.SECONDS);
    String url = "postgresql://postgres:postgres@127.0.0.1:" + db.port() + "/postgres";
    Store store = Store.open(vertx, config(url, true, 4), "node-a").await(60, TimeUnit.SECONDS);
    try {
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
      assertThat(second.epoch()).isEqualTo(2);
      assertThat(second.restore().checkpointId()).isEqualTo(7);
      assertThat(second.restore().state()).containsExactly(7);

      var stale = store.release(1, 1, "node-a").await(10, TimeUnit.SECONDS);
      assertThat(owner(store, 1)).as("a release of an epoch that no longer holds the shard changes nothing")
          .extracting(ShardOwner::node, ShardOwner::epoch).containsExactly("node-b", 2L);

      var released = store.release(1, 2, "node-b").await(10, TimeUnit.SECONDS);
      assertThat(owner(store, 1)).extracting(ShardOwner::node, ShardOwner::epoch).containsExactly(null, 2L);
      assertThat(write(store, new Checkpoint(1, 2, 8, new byte[] {8}, Map.of(), 1)))
          .as("a released shard's writes are refused").singleElement()
          .satisfies(w -> assertThat(w.owner().owned()).isFalse());

      ClaimResult third = store.claim(1, "node-a").await(10, TimeUnit.SECONDS);
      assertThat(third.epoch()).isEqualTo(3);
      assertThat(third.restore().checkpointId()).isEqualTo(7);
      assertThat(store.claim(4, "node-a").toCompletionStage().toCompletableFuture()).failsWithin(10, TimeUnit.SECONDS)
          .withThrowableThat().withMessageContaining("no shard 4: shards.count is 4");

      assertThat(Store.open(vertx, config(url, true, 8), "node-c").toCompletionStage().toCompletableFuture())
          .as("a cluster node still checks shards.count").failsWithin(60, TimeUnit.SECONDS)
          .withThrowableThat().withMessageContaining("shards.count is 8 but this database was created with 4");
      Store single = Store.open(vertx, config(url, false, 4), "node-d").await(60, TimeUnit.SECONDS);
      try {
        assertThat(single.shards()).as("a single node claims every shard at open").hasSize(4);
        assertThat(single.shards().get(1).epoch()).isEqualTo(4);
        assertThat(single.owners().await(10, TimeUnit.SECONDS)).extracting(ShardOwner::node).containsOnly("node-d");
      } finally {
        var closedSingle = single.close(vertx).await(10, TimeUnit.SECONDS);
      }
    } finally {
      var closed = store.close(vertx).await(10, TimeUnit.SECONDS);
      var stopped = db.stop(vertx).await(60, TimeUnit.SECONDS);
      var done = vertx.close().await(10, TimeUnit.SECONDS);
    }
    Dirs.deleteTree(dir);
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
