package io.tickmesh.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ExactSumTest {
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  @Test
  void carriesIntoTheUpperWordAndBack() {
    Sum128 sum = new Sum128();
    sum.add(Long.MAX_VALUE);
    sum.add(Long.MAX_VALUE);
    sum.add(2);
    assertThat(sum.toBigInteger()).isEqualTo(BigInteger.ONE.shiftLeft(64));
    sum.add(-1);
    assertThat(sum.toBigInteger()).isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
    sum.add(Long.MIN_VALUE);
    sum.add(Long.MIN_VALUE);
    assertThat(sum.toBigInteger()).isEqualTo(BigInteger.valueOf(-1));
  }

  @Test
  void extremeProducts() {
    Sum128 sum = new Sum128();
    sum.addProduct(Long.MIN_VALUE, Long.MIN_VALUE);
    assertThat(sum.toBigInteger()).isEqualTo(MIN.multiply(MIN));
    sum.addProduct(Long.MAX_VALUE, Long.MIN_VALUE);
    assertThat(sum.toBigInteger()).isEqualTo(MIN.multiply(MIN).add(MAX.multiply(MIN)));
    sum.addProduct(Long.MIN_VALUE, Long.MAX_VALUE);
    sum.addProduct(Long.MAX_VALUE, Long.MAX_VALUE);
    assertThat(sum.toBigInteger())
        .isEqualTo(MIN.multiply(MIN).add(MAX.multiply(MIN).shiftLeft(1)).add(MAX.multiply(MAX)));
  }

  @Test
  void clearAndIsZero() {
    Sum128 sum = new Sum128();
    assertThat(sum.isZero()).isTrue();
    sum.addProduct(-3, 5);
    sum.add(15);
    assertThat(sum.isZero()).isTrue();
    sum.addProduct(Long.MAX_VALUE, 4);
    assertThat(sum.isZero()).isFalse();
    sum.clear();
    assertThat(sum.isZero()).isTrue();
    assertThat(sum.toBigInteger()).isEqualTo(BigInteger.ZERO);
  }

  @Test
  void readsAsScaledDecimal() {
    Sum128 sum = new Sum128();
    sum.addProduct(18_923_000_000L, 10_000_000_000L); // 189.23 × 100 at scale 16
    assertThat(sum.toBigDecimal(16)).isEqualByComparingTo(new BigDecimal("18923"));
  }
}
