package io.tickmesh.store;

/** The store refused a shard's checkpoint: another owner with a newer ownership epoch took the shard. */
final class FencedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FencedException(int shard, long epoch) {
    super("checkpoint of shard " + shard + " refused: ownership epoch " + epoch + " is no longer current", null, false, false);
  }
}
