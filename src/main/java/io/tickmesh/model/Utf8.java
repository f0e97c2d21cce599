package io.tickmesh.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates (U+D800..U+DFFF), nothing above
 * U+10FFFF, no stray or missing continuation bytes. Jackson decodes some of these leniently (the overlong
 * {@code C0 AF} becomes {@code /}), so text from outside (feed lines, bridge frames) is checked here
 * before it is decoded. ASCII, the common case, is checked eight bytes at a time. Stateless.
 */
public final class Utf8 {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

  private Utf8() {}

  /**
   * -1 if {@code buf[off, off + len)} is valid UTF-8, else the index from {@code off} (0-based) of the
   * first byte of the first sequence that is not.
   */
  public static int firstInvalid(byte[] buf, int off, int len) {
    int end = off + len;
    int i = off;
    int lastWord = end - Long.BYTES;
    while (i < end) {
      while (i <= lastWord && ((long) LONGS.get(buf, i) & HIGH_BITS) == 0) {
        i += Long.BYTES;
      }
      if (i == end) {
        break;
      }
      if (buf[i] >= 0) {
        i++;
        continue;
      }
      int n = sequenceLength(buf, i, end);
      if (n < 0) {
        return i - off;
      }
      i += n;
    }
    return -1;
  }

  /** The length of the well-formed multi-byte sequence at {@code i} (Unicode table 3-7), or -1. */
  private static int sequenceLength(byte[] b, int i, int end) {
    int lead = b[i] & 0xFF;
    if (lead < 0xC2) { // a continuation byte, or the lead of an overlong two-byte form
      return -1;
    }
    if (lead < 0xE0) {
      return i + 1 < end && in(b[i + 1], 0x80, 0xBF) ? 2 : -1;
    }
    if (lead < 0xF0) { // E0: no overlongs; ED: no surrogates
      int low = lead == 0xE0 ? 0xA0 : 0x80;
      int high = lead == 0xED ? 0x9F : 0xBF;
      return i + 2 < end && in(b[i + 1], low, high) && in(b[i + 2], 0x80, 0xBF) ? 3 : -1;
    }
    if (lead < 0xF5) { // F0: no overlongs; F4: nothing above U+10FFFF
      int low = lead == 0xF0 ? 0x90 : 0x80;
      int high = lead == 0xF4 ? 0x8F : 0xBF;
      return i + 3 < end && in(b[i + 1], low, high) && in(b[i + 2], 0x80, 0xBF) && in(b[i + 3], 0x80, 0xBF) ? 4 : -1;
    }
    return -1;
  }

  private static boolean in(byte b, int low, int high) {
    int v = b & 0xFF;
    return v >= low && v <= high;
  }
}
