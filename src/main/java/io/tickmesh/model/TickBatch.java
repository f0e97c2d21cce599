package io.tickmesh.model;

import java.util.List;

/**
 * Ticks from one source for one shard, sent as one request. {@code source} names the sending feed
 * connection; {@code batchNo} grows by one per (source, shard), and a source has at most one batch in
 * flight per shard, so a resent batch is recognised by its number. {@code correlationId} follows the
 * batch through the logs; {@code ingestNanos} is the wall time the first tick of it was read.
 */
public record TickBatch(
    String source,
    long batchNo,
    int shard,
    String correlationId,
    long ingestNanos,
    List<Tick> ticks) {
  /** The list is owned by the batch from here on: callers hand over a list they no longer touch. */
  public TickBatch {
    if (source == null || correlationId == null || ticks == null || ticks.isEmpty()) {
      throw new IllegalArgumentException("a batch needs a source, a correlation id and ticks");
    }
    if (batchNo <= 0 || shard < 0) {
      throw new IllegalArgumentException("bad batch number or shard");
    }
  }
}
