package io.tickmesh.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * How every transaction that writes shards' rows starts: it takes each shard's fence lock shared, reads
 * their {@code shard_owners} rows {@code FOR SHARE}, and writes only the rows whose epoch is current
 * ({@link ShardOwner#accepts}). The locks are held to the commit, so a claim (which takes the shard's
 * fence lock exclusive before it raises the epoch) waits for writes in flight (the new owner's restore
 * sees all of them), and every write that locks after the claim sees the new epoch and is refused.
 * Writes of different shards, or of one shard by two flushes, share the locks. A flush whose plain
 * inserts met rows stored before is written again in a new transaction ({@link Flush#writeData}): a
 * claim may come between the two, and then refuses its rows like those of any later write.
 *
 * <p>The fence lock is a transaction-level advisory lock, ({@link #NAMESPACE}, shard). PostgreSQL queues
 * a shared request behind a waiting exclusive one, so an owner that keeps writing cannot starve a claim;
 * row locks alone do not queue that way (new {@code FOR SHARE} lockers join the current ones), and a
 * partitioned owner writing on delayed claims of its shards by seconds.
 */
final class WriteFence {
  /** The first key of every shard's fence lock ("TMFN"). */
  static final int NAMESPACE = 0x544d464e;
  private static final String FENCE_SHARED = "select count(pg_advisory_xact_lock_shared(" + NAMESPACE + ", s))"
      + " from (select s from unnest($1::int4[]) as s order by s) as ordered";
  private static final String LOCK = "select shard, node, epoch, since_ns from shard_owners"
      + " where shard = any($1) order by shard for share";
  /** Taken by claims and releases, one shard at a time, before they change its row. */
  static final String FENCE_EXCLUSIVE = "select pg_advisory_xact_lock(" + NAMESPACE + ", $1)";

  private WriteFence() {}

  /** Locks the rows of {@code shards} until the transaction ends; every shard has an entry (unclaimed if no row). */
  static Future<Map<Integer, ShardOwner>> lock(SqlConnection conn, Collection<Integer> shards) {
    Map<Integer, ShardOwner> owners = new TreeMap<>();
    if (shards.isEmpty()) {
      return Future.succeededFuture(owners);
    }
    shards.forEach(s -> owners.put(s, ShardOwner.unclaimed(s)));
    Tuple ids = Tuple.of((Object) shards.toArray(new Integer[0]));
    // both sent at once (pipelined): PostgreSQL runs them in order, so the rows are read under the fence
    Future<?> fenced = conn.preparedQuery(FENCE_SHARED).execute(ids);
    Future<RowSet<Row>> rows = conn.preparedQuery(LOCK).execute(ids);
    return Future.all(fenced, rows).map(v -> {
      for (Row row : rows.result()) {
        ShardOwner owner = ShardOwner.of(row);
        owners.put(owner.shard(), owner);
      }
      return owners;
    });
  }
}
