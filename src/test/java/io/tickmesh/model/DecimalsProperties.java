package io.tickmesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DecimalsProperties {
  @Provide
  Arbitrary<BigDecimal> inRange() {
    // Any unscaled long but MIN_VALUE, at any scale 0..8: exactly the values Decimals can hold.
    Arbitrary<Long> unscaled = Arbitraries.longs().between(-Long.MAX_VALUE, Long.MAX_VALUE);
    return unscaled.flatMap(
        u ->
            Arbitraries.integers()
                .between(0, Decimals.SCALE)
                .map(s -> new BigDecimal(BigInteger.valueOf(u)).movePointLeft(Decimals.SCALE)
                    .setScale(s, java.math.RoundingMode.DOWN)));
  }

  @Property
  void parseOfPlainTextAgreesWithBigDecimal(@ForAll("inRange") BigDecimal value) {
    assertThat(Decimals.parse(value.toPlainString())).isEqualTo(Decimals.fromBigDecimal(value));
  }

  @Property
  void parseOfScientificTextAgreesWithBigDecimal(@ForAll("inRange") BigDecimal value) {
    // BigDecimal.toString uses exponents for some scales; both forms must read the same.
    String text = value.stripTrailingZeros().toString();
    assertThat(Decimals.parse(text)).isEqualTo(Decimals.fromBigDecimal(value));
  }

  @Property
  void toTextRoundTrips(@ForAll("inRange") BigDecimal value) {
    long scaled = Decimals.fromBigDecimal(value);
    String text = Decimals.toText(scaled);
    assertThat(Decimals.parse(text)).isEqualTo(scaled);
    assertThat(new BigDecimal(text)).isEqualByComparingTo(value);
    assertThat(Decimals.toBigDecimal(scaled)).isEqualByComparingTo(value);
  }
}
