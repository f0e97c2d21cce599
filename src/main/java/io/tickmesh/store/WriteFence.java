package io.tickmesh.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * How every transaction that writes shards' rows starts: it reads their {@code shard_owners} rows
 * {@code FOR SHARE} and writes only the rows whose epoch is current ({@link ShardOwner#accepts}). The
 * lock is held to the commit, so a claim's {@code UPDATE} of the epoch waits for writes in flight (the
 * new owner's restore sees all of them), and every write that locks after the claim sees the new epoch
 * and is refused. Writes of different shards, or of one shard by two flushes, share the lock.
 */
final class WriteFence {
  private static final String LOCK = "select shard, node, epoch, since_ns from shard_owners"
      + " where shard = any($1) order by shard for share";

  private WriteFence() {}

  /** Locks the rows of {@code shards} until the transaction ends; every shard has an entry (unclaimed if no row). */
  static Future<Map<Integer, ShardOwner>> lock(SqlConnection conn, Collection<Integer> shards) {
    Map<Integer, ShardOwner> owners = new TreeMap<>();
    if (shards.isEmpty()) {
      return Future.succeededFuture(owners);
    }
    shards.forEach(s -> owners.put(s, ShardOwner.unclaimed(s)));
    return conn.preparedQuery(LOCK).execute(Tuple.of((Object) shards.toArray(new Integer[0]))).map(rows -> {
      for (Row row : rows) {
        ShardOwner owner = ShardOwner.of(row);
        owners.put(owner.shard(), owner);
      }
      return owners;
    });
  }
}
