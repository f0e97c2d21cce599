package io.tickmesh.feed.itch;

import java.util.Arrays;

/**
 * Cuts an ITCH "BinaryFILE" stream (each message behind a 2-byte big-endian length) into messages,
 * numbering them 1, 2, 3… as the session's sequence numbers. Takes the stream in chunks of any size. A
 * length prefix of zero (some files carry no lengths at all) is read as the length of the message's type.
 * A message whose prefix disagrees with its type, or of an unknown type, is handed on as broken with its
 * number and the stream goes on behind it; only an unknown type with no length leaves nothing to frame
 * by, and the rest of the stream is reported broken at once. Pure; not thread-safe (one feed's context).
 */
public final class ItchFramer {
  /** What the framer found. */
  public interface Sink {
    /** A whole message of a known type and the right length: {@code b[off, off + len)}, its type first. */
    void message(long seq, byte[] b, int off, int len);

    /** A message that cannot be read, why, and its bytes (perhaps cut short). */
    void broken(long seq, String reason, byte[] b, int off, int len);
  }

  private byte[] carry = new byte[256];
  private int carried;
  private long seq;
  private boolean unframed;

  /** Frames {@code chunk[off, off + len)} after what earlier chunks left over. */
  public void feed(byte[] chunk, int off, int len, Sink sink) {
    if (unframed) {
      return;
    }
    if (carried + len > carry.length) {
      carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carried + len));
    }
    System.arraycopy(chunk, off, carry, carried, len);
    carried += len;
    int at = frame(sink);
    System.arraycopy(carry, at, carry, 0, carried - at);
    carried -= at;
  }

  /** The stream ended: a message cut short by its end is reported broken. */
  public void end(Sink sink) {
    if (carried > 0 && !unframed) {
      sink.broken(++seq, "the stream ends inside a message (" + carried + " bytes of it)", carry, 0, carried);
    }
    carried = 0;
  }

  /** Messages framed so far, broken ones included: the last sequence number given. */
  public long lastSeq() {
    return seq;
  }

  private int frame(Sink sink) {
    int at = 0;
    while (carried - at >= 3) {
      int prefix = ItchLayout.u16(carry, at);
      byte type = carry[at + 2];
      int expected = ItchLayout.length(type);
      if (prefix == 0 && expected == 0) {
        unframed = true;
        sink.broken(++seq, String.format("unknown message type 0x%02x with no length: the %d bytes from here on cannot be framed",
            type & 0xff, carried - at), carry, at + 2, Math.min(carried - at - 2, 64));
        return carried;
      }
      int len = prefix == 0 ? expected : prefix;
      if (carried - at - 2 < len) {
        break;
      }
      if (expected == 0) {
        sink.broken(++seq, String.format("unknown message type 0x%02x", type & 0xff), carry, at + 2, len);
      } else if (len != expected) {
        sink.broken(++seq, String.format("message type %c of %d bytes; ITCH 5.0 has %d", (char) type, len, expected),
            carry, at + 2, len);
      } else {
        sink.message(++seq, carry, at + 2, len);
      }
      at += 2 + len;
    }
    return at;
  }
}
