package io.tickmesh.api.bridge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one bridge's client mistakes and disconnects: a client's first refused frame is logged at
 * WARN with its reason (later ones at DEBUG), and each disconnect with its reason, but at most
 * {@value #PER_WINDOW} lines every ten seconds for the whole bridge; the lines held back are counted in one
 * line when the next window opens. So a client, or a thousand, cannot flood the log, and no client
 * mistake is logged at ERROR or with a stack trace.
 *
 * <p>Threading: owned by its bridge's context.
 */
final class ClientErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ClientErrors.class);
  private static final int PER_WINDOW = 20;
  private static final long WINDOW_NANOS = 10_000_000_000L;

  private final String bridge;
  private long windowStart = System.nanoTime();
  private int lines;
  private long heldBack;

  ClientErrors(String bridge) {
    this.bridge = bridge;
  }

  /** {@code session} sent a frame that was refused for {@code reason}. */
  void refused(BridgeSession session, String reason) {
    if (session.firstRefusal() && allowed()) {
      LOG.atWarn().addKeyValue("bridge", bridge).addKeyValue("client", session.describe())
          .log("bridge client sent a frame that was refused: {} (its further refusals are counted, not logged)", reason);
    } else {
      LOG.atDebug().addKeyValue("bridge", bridge).addKeyValue("client", session.describe()).log("frame refused: {}", reason);
    }
  }

  /** {@code session} was disconnected for {@code reason}. */
  void disconnected(BridgeSession session, BridgeHub.Ending why, String reason) {
    if (why != BridgeHub.Ending.STOPPING && allowed()) {
      LOG.atWarn().addKeyValue("bridge", bridge).addKeyValue("client", session.describe()).addKeyValue("cause", why)
          .addKeyValue("unreadBytes", session.outbox().unread()).addKeyValue("delivered", session.outbox().delivered())
          .addKeyValue("conflated", session.outbox().conflated())
          .log("bridge client disconnected: {}", reason);
    } else {
      LOG.atDebug().addKeyValue("bridge", bridge).addKeyValue("client", session.describe()).log("bridge client disconnected: {}", reason);
    }
  }

  private boolean allowed() {
    long now = System.nanoTime();
    if (now - windowStart >= WINDOW_NANOS) {
      if (heldBack > 0) {
        LOG.atWarn().addKeyValue("bridge", bridge).addKeyValue("heldBack", heldBack)
            .log("{} more bridge client refusals and disconnects in the last window were not logged (at most {} lines every 10 s)",
                heldBack, PER_WINDOW);
      }
      windowStart = now;
      lines = 0;
      heldBack = 0;
    }
    if (lines < PER_WINDOW) {
      lines++;
      return true;
    }
    heldBack++;
    return false;
  }
}
