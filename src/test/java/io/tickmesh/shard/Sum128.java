package io.tickmesh.shard;

import java.math.BigDecimal;
import java.math.BigInteger;

/** A 128-bit sum held in two words by {@link ExactSum}'s arithmetic, as TradeTotals holds its own: for tests. */
final class Sum128 {
  private long high;
  private long low;

  void add(long value) {
    high = ExactSum.addHigh(high, low, value);
    low += value;
  }

  void addProduct(long a, long b) {
    high = ExactSum.addProductHigh(high, low, a, b);
    low += a * b;
  }

  boolean hasRoomFor(long a, long b) {
    return ExactSum.hasRoomFor(high, low, a, b);
  }

  void clear() {
    high = 0;
    low = 0;
  }

  boolean isZero() {
    return high == 0 && low == 0;
  }

  BigInteger toBigInteger() {
    return ExactSum.toBigInteger(high, low);
  }

  BigDecimal toBigDecimal(int scale) {
    return ExactSum.toBigDecimal(high, low, scale);
  }
}
