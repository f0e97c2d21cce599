package io.tickmesh.model;

import java.util.Map;

/** Per feed, the highest seq acknowledged to a publisher as durable, to be recorded in the store. */
public record FeedPositions(Map<String, Long> seqs, long atNanos) {
  /** Keeps an unmodifiable copy. */
  public FeedPositions {
    seqs = Map.copyOf(seqs);
  }
}
