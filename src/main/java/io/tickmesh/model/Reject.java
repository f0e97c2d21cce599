package io.tickmesh.model;

/**
 * A tick the node refused, with why. {@code seq} is 0 and {@code feed} may be null when the line was too
 * broken to tell; {@code line} is the line number on its connection or file (0 when not from a line).
 * {@code raw} is the input text cut to {@link #MAX_RAW} characters (one fewer rather than half a surrogate
 * pair); {@code ts} is when it was refused.
 */
public record Reject(String feed, long seq, long line, String reason, String raw, long ts) {
  /** Longest raw text kept. */
  public static final int MAX_RAW = 1024;

  /**
   * Cuts the raw text, insists on a reason, and replaces NUL characters (which reasons and raw text copy
   * from hostile input) with U+FFFD: PostgreSQL text cannot hold NUL, and a reject must never be a row
   * the store can write on no attempt.
   */
  public Reject {
    if (reason == null || reason.isEmpty()) {
      throw new IllegalArgumentException("a reject needs a reason");
    }
    if (raw == null) {
      raw = "";
    } else if (raw.length() > MAX_RAW) {
      // not between the two halves of a surrogate pair: half a character is no text (stored and sent as '?')
      raw = raw.substring(0, Character.isHighSurrogate(raw.charAt(MAX_RAW - 1)) ? MAX_RAW - 1 : MAX_RAW);
    }
    feed = withoutNul(feed);
    reason = withoutNul(reason);
    raw = withoutNul(raw);
  }

  private static String withoutNul(String text) {
    return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
  }
}
