package io.tickmesh.store;

/**
 * A history query the query pool refused or cut short: {@link Limit#BUSY} when its wait queue
 * ({@code db.queryQueueSize}) was full, {@link Limit#TIMEOUT} when it took longer than
 * {@code db.queryTimeoutMs}. The message names the key and its value; there is no stack trace (refusals
 * come in bursts and are answered, not logged).
 */
public final class QueryLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The limit a query met. */
  public enum Limit { BUSY, TIMEOUT }

  private final Limit limit;

  QueryLimitException(Limit limit, String message) {
    super(message, null, false, false);
    this.limit = limit;
  }

  public Limit limit() {
    return limit;
  }
}
