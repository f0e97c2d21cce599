package io.tickmesh.model;

import java.util.List;

/**
 * Ticks from one source for one shard, sent as one request. {@code source} names the sending feed
 * connection; {@code batchNo} grows by one per (source, shard), and a source has at most one batch in
 * flight per shard, so a resent batch is recognised by its number. {@code correlationId} follows the
 * batch through the logs; {@code ingestNanos} is the wall time the first tick of it was read.
 * {@code knownEpoch} is the shard's ownership epoch in the last answer the source got from it (0: none
 * yet): a shard of another epoch refuses the batch (see {@link BatchRefusal}), so a source resends what
 * the old owner never made durable before it sends anything newer to the new one. {@code resent} marks
 * such ticks sent again: the new owner skips those its restored checkpoint holds without refusing them.
 */
public record TickBatch(
    String source,
    long batchNo,
    int shard,
    String correlationId,
    long ingestNanos,
    long knownEpoch,
    boolean resent,
    List<Tick> ticks) {
  /** The list is owned by the batch from here on: callers hand over a list they no longer touch. */
  public TickBatch {
    if (source == null || correlationId == null || ticks == null || ticks.isEmpty()) {
      throw new IllegalArgumentException("a batch needs a source, a correlation id and ticks");
    }
    if (batchNo <= 0 || shard < 0 || knownEpoch < 0) {
      throw new IllegalArgumentException("bad batch number, shard or epoch");
    }
  }
}
