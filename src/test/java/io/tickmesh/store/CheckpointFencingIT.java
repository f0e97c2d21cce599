package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Checkpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints against a real PostgreSQL: a newer owner's claim fences off the older epoch's checkpoints
 * (refused, typed, not an error to retry); an older checkpoint arriving after a newer one (two flushes
 * in flight) is kept out without error.
 */
class CheckpointFencingIT {
  @Test
  void staleOwnersAreRefusedAndOlderCheckpointsNeverWin() throws Exception {
    Vertx vertx = Vertx.vertx();
    EmbeddedDatabase db = EmbeddedDatabase.start(vertx, Files.createTempDirectory("fencing")).await(120, TimeUnit.SECONDS);
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(db.connectOptions()).using(vertx).build();
    try {
      var migrated = Migrations.apply(vertx, pool).await(60, TimeUnit.SECONDS);
      long first = ShardClaims.claimAll(pool, 4, "node-a").await(30, TimeUnit.SECONDS).get(0).epoch();
      assertThat(write(pool, new Checkpoint(0, first, 2, new byte[] {2}, Map.of("f", 20L), 1)).await(30, TimeUnit.SECONDS)).isEmpty();
      assertThat(write(pool, new Checkpoint(0, first, 1, new byte[] {1}, Map.of("f", 10L), 1)).await(30, TimeUnit.SECONDS)).isEmpty();
      assertThat(ShardClaims.claim(pool, 0, "node-b").await(30, TimeUnit.SECONDS).restore())
          .as("the next owner restores the newest checkpoint, under a higher epoch")
          .satisfies(s -> {
            assertThat(s.checkpointId()).isEqualTo(2);
            assertThat(s.state()).containsExactly(2);
            assertThat(s.epoch()).isEqualTo(first + 2);
          });
      List<FencedWrite> stale = write(pool, new Checkpoint(0, first, 3, new byte[] {3}, Map.of("f", 30L), 1)).await(30, TimeUnit.SECONDS);
      assertThat(stale).singleElement().satisfies(w -> {
        assertThat(w.shard()).isZero();
        assertThat(w.epoch()).isEqualTo(first);
        assertThat(w.owner().node()).isEqualTo("node-b");
        assertThat(w.owner().epoch()).isEqualTo(first + 2);
        assertThat(w.rows()).isEqualTo(1);
      });
      assertThat(ShardClaims.claim(pool, 0, "node-c").await(30, TimeUnit.SECONDS).restore().checkpointId()).isEqualTo(2);
    } finally {
      var closed = pool.close().await(10, TimeUnit.SECONDS);
      var stopped = db.stop(vertx).await(60, TimeUnit.SECONDS);
      var done = vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static Future<List<FencedWrite>> write(Pool pool, Checkpoint c) {
    StoreQueue queue = new StoreQueue(true);
    queue.add(c);
    return queue.take(10).write(pool);
  }
}
