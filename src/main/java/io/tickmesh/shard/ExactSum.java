package io.tickmesh.shard;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A mutable signed 128-bit accumulator for volumes (sums of quantities) and notionals (sums of price ×
 * quantity). Two scaled longs multiply to up to 126 bits, so a long overflows on a single large trade,
 * while BigInteger would allocate on every trade; two longs with a carry keep the hot path to a few
 * instructions. Like long arithmetic the sum would wrap past 2^127 (about 1.7e22 currency units at scale
 * 16), which no realistic day comes near: callers ask {@link #hasRoomFor} first and refuse a trade that
 * would get there. Not thread-safe: owned by one shard.
 */
public final class ExactSum {
  private long high; // signed upper word
  private long low; // lower word, read as unsigned

  /** Adds a signed long. */
  public void add(long value) {
    long sum = low + value;
    // the addend is sign-extended into the upper word; the lower words carry as unsigned numbers
    high += (value >> 63) + carry(low, value, sum);
    low = sum;
  }

  /** Adds the exact 128-bit product {@code a * b}. */
  public void addProduct(long a, long b) {
    long productLow = a * b;
    long sum = low + productLow;
    high += Math.multiplyHigh(a, b) + carry(low, productLow, sum);
    low = sum;
  }

  /**
   * True if adding {@code a * b} (both not negative) keeps the sum below 2^127, so it cannot wrap. The
   * fast path is one comparison: below 2^125 there is room for any product of two longs (< 2^126).
   */
  public boolean hasRoomFor(long a, long b) {
    if (high < (1L << 61)) {
      return true;
    }
    return toBigInteger().add(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))).bitLength() <= 127; // a signed 128-bit sum holds up to 2^127 - 1
  }

  /** Carry out of the unsigned addition {@code x + y = sum} of the lower words, as 0 or 1. */
  private static long carry(long x, long y, long sum) {
    return ((x & y) | ((x | y) & ~sum)) >>> 63;
  }

  /** Sets the sum back to zero. */
  public void clear() {
    high = 0;
    low = 0;
  }

  /** True if the sum is zero. */
  public boolean isZero() {
    return high == 0 && low == 0;
  }

  /** The upper word, signed (for {@link ShardSnapshot}). */
  long highWord() {
    return high;
  }

  /** The lower word, read as unsigned (for {@link ShardSnapshot}). */
  long lowWord() {
    return low;
  }

  /** Sets both words, as {@link #highWord} and {@link #lowWord} returned them. */
  void setWords(long highWord, long lowWord) {
    high = highWord;
    low = lowWord;
  }

  /** The exact value; allocates, so only for emitting or querying. */
  public BigInteger toBigInteger() {
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

  /** The value read as an unscaled decimal with {@code scale} places. */
  public BigDecimal toBigDecimal(int scale) {
    return new BigDecimal(toBigInteger(), scale);
  }

  @Override
  public String toString() {
    return toBigInteger().toString();
  }
}
