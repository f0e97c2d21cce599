package io.tickmesh.api;

/**
 * The node's budget of answer bytes being written ({@code http.maxAnswerBytes}). An answer larger than one
 * slice takes its size from it before its first byte is written and gives it back once its last byte is
 * handed to the network or its connection closes; an answer that does not fit is refused (503 busy). With
 * the slices, this bounds what clients that do not read can hold: the budget in encoded answers on the heap,
 * and a slice per connection in network buffers.
 *
 * <p>Threading: used on the API verticle's event loop only, where every answer is written, so plain
 * fields are enough.
 */
final class AnswerBudget {
  private final long max;
  private long inFlight;
  private long refused;

  AnswerBudget(long max) {
    this.max = max;
  }

  /** Takes {@code bytes} if they fit; else counts a refusal and returns false. */
  boolean take(long bytes) {
    if (inFlight + bytes > max) {
      refused++;
      return false;
    }
    inFlight += bytes;
    return true;
  }

  /** Gives back what {@link #take} took, once. */
  void release(long bytes) {
    inFlight -= bytes;
  }

  /** Whether an answer of {@code bytes} could ever fit, even with nothing else in flight. */
  boolean fitsAtAll(long bytes) {
    return bytes <= max;
  }

  long inFlight() {
    return inFlight;
  }

  long max() {
    return max;
  }

  /** Answers refused because they did not fit. */
  long refused() {
    return refused;
  }
}
