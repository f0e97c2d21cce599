package io.tickmesh.feed;

/**
 * A line that is not a valid tick, with a reason fit for a reject record and, when they were read before
 * the failure, the line's own {@code feed} and {@code seq}. Thrown per bad line on the hot path, so it
 * carries no stack trace.
 */
public final class TickFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String feed;
  private final long seq;

  /** A refusal of a line whose identity is unknown. */
  public TickFormatException(String reason) {
    this(reason, null, 0);
  }

  /** A refusal naming the line's {@code feed} (null if not read) and {@code seq} (0 if not read). */
  public TickFormatException(String reason, String feed, long seq) {
    super(reason, null, false, false);
    this.feed = feed;
    this.seq = seq;
  }

  /** Why the line was refused; every reason about one field names it. */
  public String reason() {
    return getMessage();
  }

  /**
   * The {@code feed} the line gave before it failed, or null: then the reject belongs to the
   * connection's assigned feed.
   */
  public String feed() {
    return feed;
  }

  /** The {@code seq} the line gave before it failed, or 0 if unknown (a seq is never assigned to it). */
  public long seq() {
    return seq;
  }
}
