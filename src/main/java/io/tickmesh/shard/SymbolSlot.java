package io.tickmesh.shard;

import io.tickmesh.codec.Addresses;

/**
 * A symbol's analytics plus the shard's publishing bookkeeping for it (quote conflation, which batch last
 * touched it). Not thread-safe: owned by one shard.
 */
final class SymbolSlot {
  final SymbolState state;
  /**
   * Made at the first trade published to someone (none while nobody listens: asked with a probe): the
   * trades address is used per trade, the quotes one at most every interval.
   */
  private String tradesAddress;
  long lastQuotePublishNanos;
  boolean quotePublished;
  boolean quoteQueued;
  long touchedInBatch;
  /**
   * Numbers of the last message published on this symbol's quotes and trades addresses. A bars address
   * numbers its messages by the bars its interval emitted ({@link SymbolState#barsEmitted}), not by an
   * array here, which took 32 bytes of every idle symbol.
   */
  long quotesSeq;
  long tradesSeq;
  /** The next slot of its bucket in the shard's {@link SymbolTable}. */
  SymbolSlot next;

  SymbolSlot(SymbolState state) {
    this.state = state;
  }

  String tradesAddress() {
    if (tradesAddress == null) {
      tradesAddress = Addresses.trades(state.symbol());
    }
    return tradesAddress;
  }

  String quotesAddress() {
    return Addresses.quotes(state.symbol());
  }
}
