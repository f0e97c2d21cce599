package io.tickmesh.api.bridge;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** One subscriber's connection, as a {@link ClientOutbox} sees it: framed writes and a close with a reason. */
interface ClientLink {
  /**
   * Writes one outbound message, {@code body} being its JSON text; completes once it has left for the
   * client. {@code address} is one the bridge permits, so it needs no escaping.
   */
  Future<Void> write(String address, Buffer body);

  /** Tells the client why, then closes the connection. */
  void close(String reason);

  /** Who this is, for logs: transport and remote address. */
  String describe();
}
