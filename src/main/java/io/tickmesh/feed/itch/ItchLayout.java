package io.tickmesh.feed.itch;

/**
 * Nasdaq TotalView-ITCH 5.0 message layouts: each type's length and big-endian reads of its fields, in
 * place over the bytes (no copy, no object per message). Offsets are from the message's first byte, its
 * type; every message starts with stock locate (1), tracking number (3) and a 6-byte timestamp (5),
 * nanoseconds since midnight. Pure and stateless.
 */
public final class ItchLayout {
  /** Offset of the stock locate code. */
  public static final int LOCATE = 1;
  /** Offset of the timestamp. */
  public static final int TIMESTAMP = 5;
  /** Offset of the first field after the common header. */
  public static final int BODY = 11;
  /** Length of an 8-character stock symbol field. */
  public static final int SYMBOL_LENGTH = 8;

  private ItchLayout() {}

  /** The length of a message of {@code type} (its type byte included), or 0 if ITCH 5.0 has no such type. */
  public static int length(byte type) {
    return switch (type) {
      case 'S', 'W' -> 12;
      case 'R' -> 39;
      case 'H' -> 25;
      case 'Y', 'N' -> 20;
      case 'L' -> 26;
      case 'V', 'J', 'U' -> 35;
      case 'K' -> 28;
      case 'h' -> 21;
      case 'A', 'C' -> 36;
      case 'F', 'Q' -> 40;
      case 'E' -> 31;
      case 'X' -> 23;
      case 'D', 'B' -> 19;
      case 'P' -> 44;
      case 'I' -> 50;
      case 'O' -> 48;
      default -> 0;
    };
  }

  /** An unsigned 16-bit big-endian integer. */
  public static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  /** An unsigned 32-bit big-endian integer. */
  public static long u32(byte[] b, int off) {
    return (long) (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }

  /** An unsigned 48-bit big-endian integer: the timestamp's nanoseconds since midnight. */
  public static long u48(byte[] b, int off) {
    return (long) u16(b, off) << 32 | u32(b, off + 2);
  }

  /** A 64-bit big-endian integer (order references and shares of crosses; ITCH keeps them below 2^63). */
  public static long u64(byte[] b, int off) {
    return u32(b, off) << 32 | u32(b, off + 4);
  }

  /**
   * The symbol in the 8-byte field at {@code off}: ASCII, padded right with spaces; null if a byte is not
   * printable ASCII or the field is blank.
   */
  public static String symbol(byte[] b, int off) {
    int end = off + SYMBOL_LENGTH;
    while (end > off && b[end - 1] == ' ') {
      end--;
    }
    if (end == off) {
      return null;
    }
    char[] chars = new char[end - off];
    for (int i = off; i < end; i++) {
      if (b[i] <= ' ' || b[i] > '~') {
        return null;
      }
      chars[i - off] = (char) b[i];
    }
    return new String(chars);
  }
}
