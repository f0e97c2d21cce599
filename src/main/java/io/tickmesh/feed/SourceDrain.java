package io.tickmesh.feed;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The stop of a feed that makes its own ticks (the simulator, an ITCH session, a venue): once asked, its
 * source stops taking input, and the drain completes when no tick it routed still waits for its shard.
 * Asked again, it answers the same future.
 *
 * <p>Threading: owned by its feed verticle; used on its event loop.
 */
final class SourceDrain {
  private final Promise<Void> drained = Promise.promise();
  private boolean stopping;

  /** Whether the drain has begun: the source must not be resumed. */
  boolean stopping() {
    return stopping;
  }

  /** Begins the drain (the first time, {@code stopSource} stops the input); completes once nothing is pending. */
  Future<Void> drain(Runnable stopSource, int pending) {
    if (!stopping) {
      stopping = true;
      stopSource.run();
    }
    pendingChanged(pending);
    return drained.future();
  }

  /** The router's pending ticks changed to {@code pending}. */
  void pendingChanged(int pending) {
    if (stopping && pending == 0) {
      drained.tryComplete();
    }
  }
}
