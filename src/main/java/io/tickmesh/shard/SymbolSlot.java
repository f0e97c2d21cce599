package io.tickmesh.shard;

/**
 * A symbol's analytics plus the shard's publishing bookkeeping for it (quote conflation, which batch last
 * touched it). Not thread-safe: owned by one shard.
 */
final class SymbolSlot {
  final SymbolState state;
  long lastQuotePublishNanos = Long.MIN_VALUE;
  boolean quoteQueued;
  long touchedInBatch;

  SymbolSlot(SymbolState state) {
    this.state = state;
  }
}
