package io.tickmesh.api;

/** History was asked for before the store finished starting: answered 503. */
final class StoreNotReadyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoreNotReadyException() {
    super("the store is still starting; try again in a moment", null, false, false);
  }
}
