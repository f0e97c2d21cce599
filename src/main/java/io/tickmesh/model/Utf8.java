package io.tickmesh.model;

/**
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. Java's and
 * Jackson's decoders are lenient in places (Jackson reads the overlong {@code C0 AF} as {@code /}), so
 * text from outside is checked here before it is decoded.
 */
public final class Utf8 {
  private Utf8() {}

  /** The offset of the first byte of {@code b} that breaks strict UTF-8, or -1 if it is all valid. */
  public static int firstInvalidByte(byte[] b) {
    return firstInvalidByte(b, 0, b.length);
  }

  /** The offset, relative to {@code off}, of the first byte of {@code b[off, off+len)} that breaks strict UTF-8, or -1. */
  public static int firstInvalidByte(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i];
      if (c >= 0) { // ASCII: the common case, one compare a byte
        i++;
        continue;
      }
      int n = sequenceLength(b, i, end);
      if (n < 0) {
        return i - off;
      }
      i += n;
    }
    return -1;
  }

  /** The length of the multi-byte sequence at {@code i}, or -1 if it is not strict UTF-8. */
  private static int sequenceLength(byte[] b, int i, int end) {
    int lead = b[i] & 0xFF;
    int n;
    int min;
    int max;
    if (lead >= 0xC2 && lead <= 0xDF) {
      n = 2;
      min = 0x80;
      max = 0xBF;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      n = 3;
      min = lead == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
      max = lead == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      n = 4;
      min = lead == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
      max = lead == 0xF4 ? 0x8F : 0xBF; // F4 90.. would pass U+10FFFF
    } else {
      return -1; // a continuation byte alone, C0/C1 (overlong), F5..FF
    }
    if (i + n > end) {
      return -1;
    }
    int second = b[i + 1] & 0xFF;
    if (second < min || second > max) {
      return -1;
    }
    for (int k = 2; k < n; k++) {
      if ((b[i + k] & 0xC0) != 0x80) {
        return -1;
      }
    }
    return n;
  }
}
