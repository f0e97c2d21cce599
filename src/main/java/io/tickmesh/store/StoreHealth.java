package io.tickmesh.store;

/**
 * Whether PostgreSQL takes the store writer's writes, as the writer tells the node
 * ({@code tm.store.state}): an explicit state with named transitions, each answering whether the state
 * the node was told changed. The store goes down on the first failed write or unanswered probe; it comes
 * back on a committed write, but not while a checkpoint write still fails (nothing would become durable,
 * so acks would not come), or on an answered probe while nothing is being written. Consecutive failures
 * set the retry's back-off. Not thread-safe: owned by {@link StoreWriterVerticle}.
 */
final class StoreHealth {
  /** What the node was last told. */
  enum State { UP, DOWN }

  /** The back-off's unit: 200 ms after the first failure, doubling from there. */
  private static final long BACKOFF_UNIT_MS = 100;

  private final long maxBackoffMs;
  private State state = State.UP;
  /** A checkpoint write failed and has not succeeded since. */
  private boolean checkpointsFailing;
  /** Failed writes since the last committed one. */
  private int failures;
  private long failuresTotal;

  /** Health whose retries wait at most {@code maxBackoffMs}. */
  StoreHealth(long maxBackoffMs) {
    this.maxBackoffMs = maxBackoffMs;
  }

  /**
   * A write failed ({@code checkpoints}: one of checkpoints and feed positions). Returns whether the store
   * just went down.
   */
  boolean writeFailed(boolean checkpoints) {
    failures++;
    failuresTotal++;
    checkpointsFailing |= checkpoints;
    return to(State.DOWN);
  }

  /**
   * A write committed ({@code checkpoints}: one of checkpoints and feed positions). Returns whether the
   * store just came back up: not while a checkpoint write still fails.
   */
  boolean written(boolean checkpoints) {
    failures = 0;
    if (checkpoints) {
      checkpointsFailing = false;
    }
    return !checkpointsFailing && to(State.UP);
  }

  /** The idle probe got no answer. Returns whether the store just went down. */
  boolean probeFailed() {
    return to(State.DOWN);
  }

  /**
   * The idle probe was answered; {@code idle}: nothing is being written or retried. Returns whether the
   * store just came back up (a write being retried says more than a probe).
   */
  boolean probeAnswered(boolean idle) {
    if (!idle) {
      return false;
    }
    checkpointsFailing = false; // none is being retried
    return to(State.UP);
  }

  State state() {
    return state;
  }

  /** Failed writes since the last committed one: 0 while writes succeed. */
  int failures() {
    return failures;
  }

  /** Failed writes since the start. */
  long failuresTotal() {
    return failuresTotal;
  }

  /** How long to wait before retrying the write that just failed: 200 ms after one failure, doubling up to the limit. */
  long backoffMs() {
    return Math.min(maxBackoffMs, BACKOFF_UNIT_MS << Math.min(failures, 6));
  }

  private boolean to(State next) {
    boolean changed = state != next;
    state = next;
    return changed;
  }
}
