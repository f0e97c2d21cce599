package io.tickmesh.shard;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Signed 128-bit sums held as two longs (a signed upper word, a lower word read as unsigned) in the
 * fields of their owner, for volumes (sums of quantities) and notionals (sums of price × quantity). Two
 * scaled longs multiply to up to 126 bits, so a long overflows on a single large trade, while BigInteger
 * would allocate on every trade; two longs with a carry keep the hot path to a few instructions. The
 * words live in the owner ({@link TradeTotals}) rather than in an object of their own: with two sums per
 * bar and per session, those objects cost 192 bytes of every idle symbol.
 *
 * <p>Adding {@code v} to {@code (high, low)}: the new upper word is {@link #addHigh}{@code (high, low, v)},
 * computed from the old lower word, and the new lower word is {@code low + v} (wrapping). Like long
 * arithmetic the sum would wrap past 2^127 (about 1.7e22 currency units at scale 16), which no realistic
 * day comes near: callers ask {@link #hasRoomFor} first and refuse a trade that would get there.
 */
public final class ExactSum {
  private ExactSum() {}

  /** The upper word of {@code (high, low) + value}; the lower word becomes {@code low + value}. */
  public static long addHigh(long high, long low, long value) {
    // the addend is sign-extended into the upper word; the lower words carry as unsigned numbers
    return high + (value >> 63) + carry(low, value, low + value);
  }

  /**
   * The upper word of {@code (high, low)} plus the exact 128-bit product {@code a * b}; the lower word
   * becomes {@code low + a * b}.
   */
  public static long addProductHigh(long high, long low, long a, long b) {
    long productLow = a * b;
    return high + Math.multiplyHigh(a, b) + carry(low, productLow, low + productLow);
  }

  /**
   * True if adding {@code a * b} (both not negative) keeps the sum below 2^127, so it cannot wrap. The
   * fast path is one comparison: below 2^125 there is room for any product of two longs (< 2^126).
   */
  public static boolean hasRoomFor(long high, long low, long a, long b) {
    if (high < (1L << 61)) {
      return true;
    }
    // a signed 128-bit sum holds up to 2^127 - 1
    return toBigInteger(high, low).add(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))).bitLength() <= 127;
  }

  /** Carry out of the unsigned addition {@code x + y = sum} of the lower words, as 0 or 1. */
  private static long carry(long x, long y, long sum) {
    return ((x & y) | ((x | y) & ~sum)) >>> 63;
  }

  /** The exact value of {@code (high, low)}; allocates, so only for emitting or querying. */
  public static BigInteger toBigInteger(long high, long low) {
    if (high == (low >> 63)) {
      return BigInteger.valueOf(low); // fits in a long: the common case
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (high >>> (56 - 8 * i));
      bytes[i + 8] = (byte) (low >>> (56 - 8 * i));
    }
    return new BigInteger(bytes); // big-endian two's complement, as the words are
  }

  /** The value of {@code (high, low)} read as an unscaled decimal with {@code scale} places. */
  public static BigDecimal toBigDecimal(long high, long low, int scale) {
    return new BigDecimal(toBigInteger(high, low), scale);
  }
}
