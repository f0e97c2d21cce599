package io.tickmesh.feed;

import java.nio.charset.StandardCharsets;

/**
 * A reusable view of a range of UTF-8 bytes as characters. {@code charAt} maps one byte to one char,
 * which is exact for the ASCII that tick fields consist of; a byte above 0x7f reads as a non-ASCII
 * character and is refused by every field. {@code toString} decodes UTF-8, for reasons.
 */
final class ByteSlice implements CharSequence {
  private byte[] bytes = new byte[0];
  private int off;
  private int len;

  ByteSlice set(byte[] bytes, int off, int len) {
    this.bytes = bytes;
    this.off = off;
    this.len = len;
    return this;
  }

  @Override
  public int length() {
    return len;
  }

  @Override
  public char charAt(int index) {
    return (char) (bytes[off + index] & 0xff);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new String(bytes, off + start, end - start, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return new String(bytes, off, len, StandardCharsets.UTF_8);
  }
}
