package io.tickmesh.feed;

/**
 * Why the node ends a feed connection: the reason the publisher is told as its last reply,
 * {@code {"error":reason}} (null: nothing to tell), and the WebSocket close code that goes with it
 * (RFC 6455, section 7.4.1; a TCP connection has none).
 */
record Farewell(short closeCode, String reason) {
  /** The publisher ended its input, or the node ends the connection with nothing to say. */
  static final Farewell NORMAL = new Farewell((short) 1000, null);
  /** The node stops: going away. */
  static final Farewell STOPPING = new Farewell((short) 1001, null);

  Farewell {
    if (closeCode < 1000 || closeCode > 4999) {
      throw new IllegalArgumentException("not a WebSocket close code: " + closeCode);
    }
  }

  /** No line for {@code feed.idleTimeoutMs}. */
  static Farewell idle(String reason) {
    return new Farewell((short) 1000, reason);
  }

  /** The listener is at its cap: try again later. */
  static Farewell full(String reason) {
    return new Farewell((short) 1013, reason);
  }

  /** Input the feed does not take (a binary WebSocket message). */
  static Farewell notText(String reason) {
    return new Farewell((short) 1003, reason);
  }

  /** A WebSocket frame over the server's limit. */
  static Farewell tooBig(String reason) {
    return new Farewell((short) 1009, reason);
  }

  /** A WebSocket frame that breaks the protocol. */
  static Farewell protocol(String reason) {
    return new Farewell((short) 1002, reason);
  }
}
