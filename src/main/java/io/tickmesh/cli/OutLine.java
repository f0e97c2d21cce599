package io.tickmesh.cli;

/**
 * A line ready to send to a node, with the identity (feed, seq) its ack will carry; {@code seq} 0 means
 * the line has none we could read (it will be refused by the node, and is never resent). A
 * {@code header} line (the CSV header) sets how the node reads the lines after it on a connection: the
 * publisher sends it again first on every new connection, before it resends its window.
 */
record OutLine(String feed, long seq, byte[] bytes, boolean header) {
  OutLine(String feed, long seq, byte[] bytes) {
    this(feed, seq, bytes, false);
  }
}
