package io.tickmesh.app;

import io.tickmesh.cluster.ShardLedger;
import io.tickmesh.store.Store;
import io.vertx.core.Future;

/** The cluster's {@link ShardLedger}: claims and releases in the store's {@code shard_owners}. */
final class StoreLedger implements ShardLedger {
  private final Store store;

  StoreLedger(Store store) {
    this.store = store;
  }

  @Override
  public Future<Claim> claim(int shard, String node) {
    return store.claim(shard, node)
        .map(c -> new Claim(shard, c.epoch(), c.restore().checkpointId(), c.restore().state()));
  }

  @Override
  public Future<Claim> adopt(int shard, String node, long epoch) {
    return store.adopt(shard, node, epoch).map(s -> s == null ? null : new Claim(shard, s.epoch(), s.checkpointId(), s.state()));
  }

  @Override
  public Future<String> holder(int shard) {
    return store.owners().map(owners -> owners.get(shard).node());
  }

  @Override
  public Future<Void> release(int shard, long epoch, String node) {
    return store.release(shard, epoch, node);
  }
}
