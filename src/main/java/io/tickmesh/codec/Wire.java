package io.tickmesh.codec;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The compact binary form of what crosses nodes: fixed-width big-endian numbers and length-prefixed
 * UTF-8 text, read back with every length checked against what the message holds. A message from another
 * node is outside input like any other: a reader that meets something it cannot read throws
 * {@link IllegalArgumentException}, and the records it builds check their own fields.
 */
final class Wire {
  /** Longest text a field may hold on the wire (a reject's raw line is 1 KiB; ids are short). */
  static final int MAX_TEXT_BYTES = 64 * 1024;
  /** Most elements a list may hold on the wire. */
  static final int MAX_ELEMENTS = 1_000_000;
  /** Longest opaque bytes a field may hold (a shard's state handed to its next owner). */
  static final int MAX_BYTES = 512 * 1024 * 1024;

  private Wire() {}

  /** Writes into a message buffer. */
  static final class Out {
    private final Buffer buf;

    Out(Buffer buf) {
      this.buf = buf;
    }

    @CanIgnoreReturnValue
    Out i64(long v) {
      buf.appendLong(v);
      return this;
    }

    @CanIgnoreReturnValue
    Out i32(int v) {
      buf.appendInt(v);
      return this;
    }

    @CanIgnoreReturnValue
    Out i8(int v) {
      buf.appendByte((byte) v);
      return this;
    }

    @CanIgnoreReturnValue
    Out text(String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      buf.appendInt(bytes.length).appendBytes(bytes);
      return this;
    }

    /** Opaque bytes, length first. */
    @CanIgnoreReturnValue
    Out bytes(byte[] b) {
      buf.appendInt(b.length).appendBytes(b);
      return this;
    }

    /** Text that may be null: a marker byte first. */
    @CanIgnoreReturnValue
    Out optText(String s) {
      return s == null ? i8(0) : i8(1).text(s);
    }
  }

  /** Reads a message buffer between two positions, checking each read against the end. */
  static final class In {
    private final Buffer buf;
    private final int end;
    private int pos;

    In(Buffer buf, int pos, int end) {
      if (pos < 0 || end > buf.length() || pos > end) {
        throw new IllegalArgumentException("message body out of its buffer: " + pos + ".." + end + " of " + buf.length());
      }
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    private void need(int n) {
      if (n < 0 || end - pos < n) {
        throw new IllegalArgumentException("message cut short: " + n + " bytes wanted at " + pos + ", " + (end - pos) + " left");
      }
    }

    long i64() {
      need(8);
      long v = buf.getLong(pos);
      pos += 8;
      return v;
    }

    int i32() {
      need(4);
      int v = buf.getInt(pos);
      pos += 4;
      return v;
    }

    int i8() {
      need(1);
      return buf.getByte(pos++);
    }

    /** A count of elements that follow, each at least {@code minBytes} long: checked against what is left. */
    int count(int minBytes) {
      int n = i32();
      if (n < 0 || n > MAX_ELEMENTS || (long) n * minBytes > end - pos) {
        throw new IllegalArgumentException("bad element count " + n + " with " + (end - pos) + " bytes left");
      }
      return n;
    }

    String text() {
      int n = i32();
      if (n > MAX_TEXT_BYTES) {
        throw new IllegalArgumentException("text of " + n + " bytes, more than " + MAX_TEXT_BYTES);
      }
      need(n);
      String s = buf.getString(pos, pos + n, "UTF-8");
      pos += n;
      return s;
    }

    byte[] bytes() {
      int n = i32();
      if (n > MAX_BYTES) {
        throw new IllegalArgumentException("field of " + n + " bytes, more than " + MAX_BYTES);
      }
      need(n);
      byte[] b = buf.getBytes(pos, pos + n);
      pos += n;
      return b;
    }

    String optText() {
      return i8() == 0 ? null : text();
    }

    /** The whole body must have been read: trailing bytes mean sender and reader disagree. */
    void end() {
      if (pos != end) {
        throw new IllegalArgumentException((end - pos) + " bytes left unread in a message");
      }
    }
  }
}
