package io.tickmesh.feed.itch;

import java.util.Arrays;

/**
 * Cuts a SoupBinTCP byte stream into packets (2-byte big-endian length, type, payload), taking the stream
 * in chunks of any size. A length of zero (no type) or past {@link #MAX_PACKET} cannot be a packet: the
 * stream is then broken and the connection should be closed. Pure; not thread-safe (one connection's context).
 */
public final class SoupFramer {
  /** Longest packet taken: ITCH's longest message (50 bytes) with room for any other packet type. */
  public static final int MAX_PACKET = 1024;

  /** What the framer found. */
  public interface Sink {
    /** A packet of {@code type} whose payload is {@code b[off, off + len)}. */
    void packet(byte type, byte[] b, int off, int len);

    /** The stream cannot be framed any more: why. */
    void broken(String reason);
  }

  private byte[] carry = new byte[4096];
  private int carried;
  private boolean broken;

  /** Frames {@code chunk[off, off + len)} after what earlier chunks left over. */
  public void feed(byte[] chunk, int off, int len, Sink sink) {
    if (broken) {
      return;
    }
    if (carried + len > carry.length) {
      carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carried + len));
    }
    System.arraycopy(chunk, off, carry, carried, len);
    carried += len;
    int at = 0;
    while (carried - at >= 2) {
      int length = ItchLayout.u16(carry, at);
      if (length == 0 || length > MAX_PACKET) {
        broken = true;
        sink.broken("a SoupBinTCP packet of length " + length + " (1 to " + MAX_PACKET + ")");
        return;
      }
      if (carried - at - 2 < length) {
        break;
      }
      sink.packet(carry[at + 2], carry, at + 3, length - 1);
      at += 2 + length;
    }
    System.arraycopy(carry, at, carry, 0, carried - at);
    carried -= at;
  }

  /** Forgets a partial packet: a new connection starts clean. */
  public void reset() {
    carried = 0;
    broken = false;
  }
}
