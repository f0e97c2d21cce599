package io.tickmesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalsTest {
  @Test
  void readsPlainAndExponentText() {
    assertThat(Decimals.parse("189.23")).isEqualTo(18_923_000_000L);
    assertThat(Decimals.parse("-0.5")).isEqualTo(-50_000_000L);
    assertThat(Decimals.parse("1.5e2")).isEqualTo(150 * Decimals.ONE);
    assertThat(Decimals.parse("15E-1")).isEqualTo(150_000_000L);
    assertThat(Decimals.parse("0.00000001")).isEqualTo(1L);
    assertThat(Decimals.parse("1.230000000000")).isEqualTo(123_000_000L);
  }

  @Test
  void readsTheWholeRangeToItsLastValue() {
    assertThat(Decimals.parse("92233720368.54775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(Decimals.parse("-92233720368.54775807")).isEqualTo(-Long.MAX_VALUE);
    assertThat(Decimals.parse("92233720368.54775800")).isEqualTo(Long.MAX_VALUE - 7);
    assertThat(Decimals.parse("9223372036854775807e-8")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void refusesJustPastTheRange() {
    assertThatThrownBy(() -> Decimals.parse("92233720368.54775808"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("decimal out of range: '92233720368.54775808'");
    assertThatThrownBy(() -> Decimals.parse("1e20")).hasMessageStartingWith("decimal out of range");
    assertThatThrownBy(() -> Decimals.parse("100000000000")).hasMessageStartingWith("decimal out of range");
  }

  @Test
  void namesTooManyPlacesEvenPastTheLongRange() {
    assertThatThrownBy(() -> Decimals.parse("1.123456789"))
        .hasMessage("more than 8 decimal places: '1.123456789'");
    assertThatThrownBy(() -> Decimals.parse("1.0000000000000000000001"))
        .hasMessageStartingWith("more than 8 decimal places");
  }

  @Test
  void refusesWhatIsNotADecimal() {
    for (String bad : new String[] {"", "-", ".5", "5.", "1e", "1e+", "NaN", "Infinity", "1,5", " 1", "+1", "0x10", "1e1000"}) {
      assertThatThrownBy(() -> Decimals.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
    }
    assertThatThrownBy(() -> Decimals.parse("NaN")).hasMessage("not a decimal: 'NaN'");
    assertThatThrownBy(() -> Decimals.parse("1".repeat(65))).hasMessage("decimal longer than 64 characters");
  }

  @Test
  void fromBigDecimalRefusesLongMinValueLikeParse() {
    BigDecimal min = BigDecimal.valueOf(Long.MIN_VALUE, Decimals.SCALE);
    assertThatThrownBy(() -> Decimals.fromBigDecimal(min)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Decimals.parse(min.toPlainString())).isInstanceOf(InvalidValueException.class);
    assertThat(Decimals.fromBigDecimal(new BigDecimal("-92233720368.54775807"))).isEqualTo(-Long.MAX_VALUE);
  }

  @Test
  void printsWithoutTrailingZeros() {
    assertThat(Decimals.toText(18_923_000_000L)).isEqualTo("189.23");
    assertThat(Decimals.toText(100 * Decimals.ONE)).isEqualTo("100");
    assertThat(Decimals.toText(-50_000_000L)).isEqualTo("-0.5");
    assertThat(Decimals.toText(1L)).isEqualTo("0.00000001");
    assertThat(Decimals.toText(Long.MAX_VALUE)).isEqualTo("92233720368.54775807");
  }
}
