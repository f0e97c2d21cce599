package io.tickmesh.store;

import io.tickmesh.obs.WallClock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The {@code shard_owners} table: claims, releases and the owners. A claim raises the shard's ownership
 * epoch, so from its commit every write under an older epoch is refused ({@link WriteFence}); it waits
 * for writes in flight, then reads the last checkpoint to restore. Also checks that {@code shards.count}
 * is the one this database was created with.
 */
final class ShardClaims {
  /**
   * Creates the row at epoch 1, or raises the epoch of an existing one by two (its row lock waits for
   * writes in flight): the epoch between is a hand-over's ({@link #TRANSFER}), which its next owner may
   * serve before that hand-over commits, and a claim made because it did not commit must not share it.
   */
  private static final String CLAIM = "insert into shard_owners (shard, epoch, node, since_ns)"
      + " select s, 1, $1, $2 from unnest($3::int4[]) as s"
      + " on conflict (shard) do update set epoch = shard_owners.epoch + 2, node = excluded.node,"
      + " since_ns = excluded.since_ns returning shard, epoch";
  private static final String RELEASE = "update shard_owners set node = null, since_ns = $4"
      + " where shard = $1 and epoch = $2 and node = $3";
  /** The hand-over of a shard to its next owner, under the next epoch, by the owner at {@code $2}. */
  private static final String TRANSFER = "update shard_owners set node = $4, epoch = epoch + 1, since_ns = $5"
      + " where shard = $1 and epoch = $2 and node = $3 returning epoch";
  private static final String RELEASED = "update shard_owners set node = null, since_ns = $4"
      + " where shard = $1 and epoch = $2 and node = $3 returning epoch";
  private static final String ADOPT = "select o.node, o.epoch, c.checkpoint_id, c.state from shard_owners o"
      + " left join shard_checkpoints c on c.shard = o.shard where o.shard = $1";
  private static final String OWNERS = "select s as shard, o.node, coalesce(o.epoch, 0) as epoch, coalesce(o.since_ns, 0) as since_ns"
      + " from generate_series(0, $1 - 1) as s left join shard_owners o on o.shard = s order by s";

  private ShardClaims() {}

  /** Single node: claims every shard for {@code nodeId}, in one transaction, and loads the last checkpoints. */
  static Future<Map<Integer, StoredShard>> claimAll(Pool pool, int shards, String nodeId) {
    Integer[] all = IntStream.range(0, shards).boxed().toArray(Integer[]::new);
    return pool.withTransaction(conn -> checkShardCount(conn, shards)
        .compose(v -> conn.preparedQuery(CLAIM).execute(Tuple.of(nodeId, WallClock.nanos(), all)))
        .compose(owners -> conn.query("select shard, checkpoint_id, state from shard_checkpoints").execute()
            .map(checkpoints -> {
              Map<Integer, Row> last = new HashMap<>();
              checkpoints.forEach(r -> last.put(r.getInteger("shard"), r));
              Map<Integer, StoredShard> out = new HashMap<>();
              for (Row o : owners) {
                int shard = o.getInteger("shard");
                out.put(shard, stored(shard, o.getLong("epoch"), last.get(shard)));
              }
              return out;
            })));
  }

  /**
   * Claims {@code shard} for {@code node} in one transaction: raises its epoch (creating its row at
   * epoch 1), then reads its last checkpoint. The raise waits for every write of the shard in flight
   * (they hold its row {@code FOR SHARE}), so the checkpoint read sees all of them, and every write after
   * it is refused. No compare-and-set against an epoch read before: ownership is decided by the caller
   * (rendezvous over the live view), and the raise alone fences everyone before. Two nodes that both
   * claim serialize on the row; the later one wins, and the earlier is fenced at its first write.
   */
  static Future<ClaimResult> claim(Pool pool, int shard, String node) {
    // the three sent at once (pipelined; PostgreSQL runs them in order): one round trip, not three
    return pool.withTransaction(conn -> {
      Future<?> locked = conn.preparedQuery(WriteFence.FENCE_EXCLUSIVE).execute(Tuple.of(shard));
      Future<RowSet<Row>> owners = conn.preparedQuery(CLAIM).execute(Tuple.of(node, WallClock.nanos(), new Integer[] {shard}));
      Future<RowSet<Row>> last = conn.preparedQuery("select shard, checkpoint_id, state from shard_checkpoints where shard = $1")
          .execute(Tuple.of(shard));
      return Future.all(locked, owners, last).map(v -> {
        long epoch = owners.result().iterator().next().getLong("epoch");
        RowSet<Row> rows = last.result();
        return new ClaimResult(epoch, stored(shard, epoch, rows.size() == 0 ? null : rows.iterator().next()));
      });
    });
  }

  /**
   * Marks {@code shard} released ({@code node} null) if {@code node} still holds it at {@code epoch};
   * otherwise does nothing (another claim came first). Writes of the shard at that epoch are refused from
   * then on: release only once its last checkpoint is durable. The next claim raises the epoch as usual.
   */
  static Future<Void> release(Pool pool, int shard, long epoch, String node) {
    return pool.withTransaction(conn -> Future.all(conn.preparedQuery(WriteFence.FENCE_EXCLUSIVE).execute(Tuple.of(shard)),
        conn.preparedQuery(RELEASE).execute(Tuple.of(shard, epoch, node, WallClock.nanos())))).mapEmpty();
  }

  /**
   * In the transaction of a hand-over's last flush, which holds the shard's fence exclusively: gives
   * {@code shard} from {@code node} at {@code epoch} to node {@code to} under the next epoch, or releases
   * it when {@code to} is null. Answers the shard's epoch after it, or 0 if {@code node} no longer held it
   * at {@code epoch} (nothing changed).
   */
  static Future<Long> handOver(SqlConnection conn, int shard, long epoch, String node, String to) {
    Tuple args = to == null ? Tuple.of(shard, epoch, node, WallClock.nanos()) : Tuple.of(shard, epoch, node, to, WallClock.nanos());
    return conn.preparedQuery(to == null ? RELEASED : TRANSFER).execute(args)
        .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("epoch"));
  }

  /**
   * The shard a hand-over gave to {@code node} under {@code epoch}, with its last checkpoint, if the ledger
   * still says so; null otherwise (another node claimed it since, or it was never given). No write: the
   * hand-over's transaction raised the epoch already, after the old owner's last rows and checkpoint.
   */
  static Future<StoredShard> adopt(SqlClient client, int shard, String node, long epoch) {
    return client.preparedQuery(ADOPT).execute(Tuple.of(shard)).map(rows -> {
      Row row = rows.size() == 0 ? null : rows.iterator().next();
      if (row == null || !node.equals(row.getString("node")) || row.getLong("epoch") != epoch) {
        return null;
      }
      return stored(shard, epoch, row.getValue("checkpoint_id") == null ? null : row);
    });
  }

  /** Every shard of {@code shards}, in order: its owner (none if released or never claimed), epoch and since when. */
  static Future<List<ShardOwner>> owners(SqlClient client, int shards) {
    return client.preparedQuery(OWNERS).execute(Tuple.of(shards)).map(rows -> {
      List<ShardOwner> out = new ArrayList<>(shards);
      rows.forEach(r -> out.add(ShardOwner.of(r)));
      return out;
    });
  }

  /** shards.count is fixed for the life of a database: symbols would otherwise move between shards. */
  static Future<Void> checkShardCount(SqlConnection conn, int shards) {
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

  private static StoredShard stored(int shard, long epoch, Row checkpoint) {
    Buffer state = checkpoint == null ? null : checkpoint.getBuffer("state");
    return new StoredShard(shard, epoch, checkpoint == null ? 0 : checkpoint.getLong("checkpoint_id"),
        state == null ? null : state.getBytes());
  }
}
