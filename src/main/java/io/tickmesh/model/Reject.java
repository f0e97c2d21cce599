package io.tickmesh.model;

/**
 * A tick the node refused, with why. {@code seq} is 0 and {@code feed} may be null when the line was too
 * broken to tell; {@code line} is the line number on its connection or file (0 when not from a line).
 * {@code raw} is the input text cut to {@link #MAX_RAW} characters; {@code ts} is when it was refused.
 */
public record Reject(String feed, long seq, long line, String reason, String raw, long ts) {
  /** Longest raw text kept. */
  public static final int MAX_RAW = 1024;

  /** Cuts the raw text and insists on a reason. */
  public Reject {
    if (reason == null || reason.isEmpty()) {
      throw new IllegalArgumentException("a reject needs a reason");
    }
    if (raw == null) {
      raw = "";
    } else if (raw.length() > MAX_RAW) {
      raw = raw.substring(0, MAX_RAW);
    }
  }
}
