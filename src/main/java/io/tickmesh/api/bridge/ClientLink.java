package io.tickmesh.api.bridge;

import io.vertx.core.Future;
import java.util.List;

/**
 * One client's connection as a {@link ClientOutbox} sees it: frames already in the transport's format,
 * the transport's own write queue, and the close.
 */
interface ClientLink {
  /**
   * Writes frames, in order, as few writes as the transport allows; completes once they have left for the
   * client (fails if the connection is gone).
   */
  Future<Void> write(List<Delivery> frames);

  /** True while the transport's own write queue is full; the outbox keeps frames meanwhile. */
  boolean writeQueueFull();

  /** Calls {@code then} once, when the transport's write queue has room again. */
  void onDrain(Runnable then);

  /**
   * Closes the connection now; what was not written is lost. The reason went out before as a frame;
   * transports with a close reason of their own (WebSocket) repeat it there with {@code code}.
   */
  void close(int code, String reason);

  /** Who this is, for logs: transport and remote address. */
  String describe();
}
