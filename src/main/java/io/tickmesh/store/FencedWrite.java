package io.tickmesh.store;

/**
 * Rows of {@code shard} made under {@code epoch} that the store refused, because {@code owner} (the
 * shard's row as the refusing transaction read it) has another epoch or was released: {@code rows} in
 * all, {@code trades} of them trades. Terminal: never written, never retried.
 */
record FencedWrite(int shard, long epoch, ShardOwner owner, int trades, int rows) {}
