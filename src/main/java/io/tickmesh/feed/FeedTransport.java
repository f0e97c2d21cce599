package io.tickmesh.feed;

/**
 * What a {@link FeedConnection} reads from and answers on: a TCP socket ({@link TcpTransport}) or a
 * WebSocket ({@link WebSocketTransport}). Input arrives as chunks of bytes; each reply goes out as one
 * JSON object (a line on TCP, a text message on a WebSocket).
 *
 * <p>Threading: every method is called, and every event delivered, on the connection's context.
 */
interface FeedTransport {
  /** What the transport reports to its connection. */
  interface Events {
    /**
     * Input bytes, lent for the call. {@code endsMessage}: the transport's message ends here, and with it
     * its last line (a WebSocket message); a TCP stream has no messages.
     */
    void data(byte[] bytes, boolean endsMessage);

    /** The publisher ended its input, after its last data. */
    void endOfInput();

    /** The publisher broke the transport's rules (a binary WebSocket message, a frame over the limit). */
    void refused(Farewell why);

    /** The write queue has room again. */
    void writable();

    /** The connection is closed. */
    void closed();
  }

  /** Installs the handlers; input flows from now on. */
  void start(Events events);

  /** Stops reading: what the publisher sends waits in its own buffers. */
  void pause();

  void resume();

  /** Sends one reply; returns true if the write queue is full now. Sends nothing once {@link #end} was called. */
  boolean send(String reply);

  /**
   * Ends our side: {@code farewell}'s reason as the last reply if it has one, then the end, after every
   * reply sent so far has left (waiting at most {@code withinMs}); the connection closes soon after.
   */
  void end(Farewell farewell, long withinMs);

  /** The publisher's address, for the logs. */
  String remote();
}
