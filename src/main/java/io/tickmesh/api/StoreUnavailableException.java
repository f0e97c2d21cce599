package io.tickmesh.api;

/** A history query failed in PostgreSQL (unreachable, closing, or an error): answered 503, never 500. */
final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoreUnavailableException(Throwable cause) {
    super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause, false, false);
  }
}
