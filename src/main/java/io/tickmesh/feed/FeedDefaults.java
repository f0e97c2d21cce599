package io.tickmesh.feed;

/**
 * The identity a connection or file lends to ticks that carry none: its assigned feed id and the next
 * seq of that feed. Both {@code feed} and {@code seq} missing: both come from here; {@code seq} without
 * {@code feed}: only the feed does; {@code feed} without {@code seq}: the line is refused.
 */
public interface FeedDefaults {
  /** The connection's assigned feed id: 1 to 64 of {@code A-Z a-z 0-9 . _ : / -}. */
  String feed();

  /**
   * The next assigned seq, positive. Parsers call it only once a line has fully validated and only when
   * the line needs it, so the assigned seqs have no gaps.
   */
  long nextSeq();
}
