package io.tickmesh.store;

import io.vertx.sqlclient.Row;

/**
 * A shard's row in {@code shard_owners}: the node that owns it ({@code null} once released, or never
 * claimed), its ownership epoch (the fencing token; 0 if never claimed) and since when (nanoseconds
 * since the epoch; 0 if never claimed).
 */
public record ShardOwner(int shard, String node, long epoch, long sinceNs) {
  /** A shard no node ever claimed. */
  static ShardOwner unclaimed(int shard) {
    return new ShardOwner(shard, null, 0, 0);
  }

  /** The row as read from {@code shard_owners} (columns shard, node, epoch, since_ns). */
  static ShardOwner of(Row row) {
    return new ShardOwner(row.getInteger("shard"), row.getString("node"), row.getLong("epoch"), row.getLong("since_ns"));
  }

  /** Whether a node holds the shard now; false once released. */
  public boolean owned() {
    return node != null;
  }

  /**
   * Whether the store takes a write made under {@code writeEpoch}: only while it is the current epoch
   * and the shard is not released. Any claim since (or a release) fences that write off.
   */
  public boolean accepts(long writeEpoch) {
    return owned() && epoch == writeEpoch;
  }
}
