package io.tickmesh.cli;

/**
 * A line ready to send to a node, with the identity (feed, seq) its ack will carry; {@code seq} 0 means
 * the line has none we could read (it will be refused by the node, and is never resent).
 */
record OutLine(String feed, long seq, byte[] bytes) {}
