package io.tickmesh.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** {@link ExactSum} against BigInteger arithmetic for arbitrary longs, extremes included. */
class ExactSumProperties {
  private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
  private static final BigInteger MAX_128 = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

  /** One step: add {@code a} alone, or the product {@code a * b}. */
  record Op(boolean product, long a, long b) {
    BigInteger value() {
      BigInteger x = BigInteger.valueOf(a);
      return product ? x.multiply(BigInteger.valueOf(b)) : x;
    }
  }

  @Provide
  Arbitrary<Op> ops() {
    // longs() already mixes in the edge cases 0, ±1, Long.MIN_VALUE and Long.MAX_VALUE
    Arbitrary<Long> any = Arbitraries.longs();
    return Combinators.combine(Arbitraries.of(true, false), any, any).as(Op::new);
  }

  @Property
  void equalsBigIntegerExactlyWhileInRange(@ForAll @Size(max = 40) List<@From("ops") Op> ops) {
    Sum128 sum = new Sum128();
    BigInteger expected = BigInteger.ZERO;
    for (Op op : ops) {
      apply(sum, op);
      expected = expected.add(op.value());
      if (expected.bitLength() > 127) {
        return; // beyond 128 bits only the wrapping property below applies
      }
      assertThat(sum.toBigInteger()).isEqualTo(expected);
      assertThat(sum.isZero()).isEqualTo(expected.signum() == 0);
    }
  }

  @Property
  void wrapsLikeTwosComplement128(@ForAll @Size(max = 40) List<@From("ops") Op> ops) {
    Sum128 sum = new Sum128();
    BigInteger expected = BigInteger.ZERO;
    for (Op op : ops) {
      apply(sum, op);
      expected = expected.add(op.value());
    }
    assertThat(sum.toBigInteger()).isEqualTo(wrap(expected));
  }

  private static void apply(Sum128 sum, Op op) {
    if (op.product()) {
      sum.addProduct(op.a(), op.b());
    } else {
      sum.add(op.a());
    }
  }

  /** The signed 128-bit two's complement reading of {@code v}; the identity while |v| < 2^127. */
  private static BigInteger wrap(BigInteger v) {
    BigInteger m = v.mod(TWO_128);
    return m.compareTo(MAX_128) > 0 ? m.subtract(TWO_128) : m;
  }
}
