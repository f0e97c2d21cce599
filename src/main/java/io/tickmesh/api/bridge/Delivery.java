package io.tickmesh.api.bridge;

import io.vertx.core.buffer.Buffer;

/**
 * One frame on its way to a client, in its dialect's format. A published message becomes one
 * {@code Delivery} per bridge, shared by every subscriber: its bytes are written as they are to each
 * socket (Vert.x writes a read-only slice), so a thousand subscribers do not hold a thousand copies.
 *
 * <p>Threading: created and used on its bridge's context only (the SockJS framing is cached lazily).
 */
final class Delivery {
  final String address;
  final Buffer frame;
  /** A quote or a book: a whole state, which a newer one of its address may replace while the client is behind. */
  final boolean wholeState;
  private String text;
  private String sockJsQuoted;

  Delivery(String address, Buffer frame, boolean wholeState) {
    this.address = address;
    this.frame = frame;
    this.wholeState = wholeState;
  }

  /** A control frame (pong, refusal, reply): never conflated. */
  static Delivery control(Buffer frame) {
    return new Delivery(null, frame, false);
  }

  /** The bytes this frame holds the client back by, close enough for accounting. */
  int size() {
    return frame.length();
  }

  /** The frame as text, for a WebSocket text message; made once. */
  String text() {
    if (text == null) {
      text = frame.toString();
    }
    return text;
  }

  /** The frame as a SockJS string literal, for SockJS over WebSocket; made once. */
  String sockJsQuoted() {
    if (sockJsQuoted == null) {
      sockJsQuoted = SockJsFrames.quoted(text());
    }
    return sockJsQuoted;
  }
}
