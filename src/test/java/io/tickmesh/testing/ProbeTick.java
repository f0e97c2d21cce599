package io.tickmesh.testing;

import java.time.Duration;
import java.util.List;

/**
 * A trade on a symbol no simulator uses, sent by a publisher of its own to see whether the node still
 * acknowledges new ticks (while it is under some attack): {@link #ackMillis} is the time to its ack.
 */
public final class ProbeTick {
  /** The longest a probe's ack may take before the node counts as not acknowledging (liveness, not speed). */
  public static final Duration DEADLINE = Duration.ofSeconds(10);

  private ProbeTick() {}

  /** Sends probe trade {@code seq} of feed {@code probe} and waits for its ack; returns the milliseconds it took. */
  public static long ackMillis(FeedClient client, long seq) throws Exception {
    long ms = tryAckMillis(client, seq);
    if (ms < 0) {
      throw new AssertionError("probe tick " + seq + " not acknowledged within " + DEADLINE);
    }
    return ms;
  }

  /** The same, but -1 when the ack has not come within {@link #DEADLINE}, for a test to report before it fails. */
  public static long tryAckMillis(FeedClient client, long seq) throws Exception {
    long start = System.nanoTime();
    long nowNanos = System.currentTimeMillis() * 1_000_000L;
    client.send(List.of("{\"feed\":\"probe\",\"seq\":" + seq + ",\"sym\":\"PROBE\",\"ts\":" + nowNanos
        + ",\"type\":\"trade\",\"px\":\"1\",\"qty\":\"1\"}"));
    long deadline = start + DEADLINE.toNanos();
    while (client.acked("probe") < seq) {
      if (System.nanoTime() > deadline) {
        return -1;
      }
      Thread.sleep(5); // the client's reader thread records acks; polling them is the wait
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
