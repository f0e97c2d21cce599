package io.tickmesh.store;

import io.tickmesh.obs.WallClock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;

/**
 * Claims every shard for this node (a single node owns all): each claim raises the shard's ownership
 * epoch, so checkpoints written under an older epoch are refused from then on. Also checks that
 * {@code shards.count} is the one this database was created with, and loads the last checkpoints.
 */
final class ShardClaims {
  private ShardClaims() {}

  static Future<Map<Integer, StoredShard>> claim(Pool pool, int shards, String nodeId) {
    return pool.withTransaction(conn -> checkShardCount(conn, shards)
        .compose(v -> conn.preparedQuery("insert into shard_owners (shard, epoch, node, since_ns)"
                + " select s, 1, $1, $2 from generate_series(0, $3 - 1) as s"
                + " on conflict (shard) do update set epoch = shard_owners.epoch + 1, node = excluded.node,"
                + " since_ns = excluded.since_ns returning shard, epoch")
            .execute(Tuple.of(nodeId, WallClock.nanos(), shards)))
        .compose(owners -> conn.query("select shard, checkpoint_id, state from shard_checkpoints").execute()
            .map(checkpoints -> {
              Map<Integer, Row> last = new HashMap<>();
              checkpoints.forEach(r -> last.put(r.getInteger("shard"), r));
              Map<Integer, StoredShard> out = new HashMap<>();
              for (Row o : owners) {
                int shard = o.getInteger("shard");
                Row c = last.get(shard);
                Buffer state = c == null ? null : c.getBuffer("state");
                out.put(shard, new StoredShard(shard, o.getLong("epoch"), c == null ? 0 : c.getLong("checkpoint_id"),
                    state == null ? null : state.getBytes()));
              }
              return out;
            })));
  }

  /** shards.count is fixed for the life of a database: symbols would otherwise move between shards. */
  private static Future<Void> checkShardCount(SqlConnection conn, int shards) {
    return conn.preparedQuery("insert into fixed_settings (key, value) values ('shards.count', $1)"
            + " on conflict (key) do update set value = fixed_settings.value returning value")
        .execute(Tuple.of(String.valueOf(shards)))
        .compose(rows -> {
          String stored = rows.iterator().next().getString("value");
          return stored.equals(String.valueOf(shards))
              ? Future.succeededFuture()
              : Future.failedFuture(new IllegalStateException("shards.count is " + shards + " but this database was created with "
                  + stored + "; shards.count is fixed for the life of a database (use " + stored + ", or a new db.dataDir / db.url)"));
        });
  }
}
