package io.tickmesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TimestampsProperties {
  private static long nanosOf(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Property
  void formatThenParseRoundTrips(@ForAll long nanos) {
    assertThat(Timestamps.parse(Timestamps.format(nanos))).isEqualTo(nanos);
  }

  @Property
  void formatAgreesWithInstantToString(@ForAll long nanos) {
    Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    assertThat(Timestamps.format(nanos)).isEqualTo(instant.toString());
  }

  @Provide
  Arbitrary<String> isoTexts() {
    Arbitrary<String> date =
        Combinators.combine(
                Arbitraries.integers().between(1700, 2200),
                Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 31))
            .as((y, m, d) -> String.format("%04d-%02d-%02d", y, m, Math.min(d, 28 + (d % 4))))
            .filter(TimestampsProperties::isRealDate);
    Arbitrary<String> time =
        Combinators.combine(
                Arbitraries.integers().between(0, 23),
                Arbitraries.integers().between(0, 59),
                Arbitraries.integers().between(0, 59))
            .as((h, mi, s) -> String.format("T%02d:%02d:%02d", h, mi, s));
    Arbitrary<String> fraction =
        Arbitraries.integers()
            .between(0, 9)
            .flatMap(n -> n == 0
                ? Arbitraries.just("")
                : Arbitraries.strings().numeric().ofLength(n).map(f -> "." + f));
    Arbitrary<String> zone =
        Arbitraries.oneOf(
            Arbitraries.just("Z"),
            Combinators.combine(
                    Arbitraries.of("+", "-"),
                    Arbitraries.integers().between(0, 17),
                    Arbitraries.integers().between(0, 59))
                .as((sign, h, mi) -> String.format("%s%02d:%02d", sign, h, mi)));
    return Combinators.combine(date, time, fraction, zone).as((d, t, f, z) -> d + t + f + z);
  }

  private static boolean isRealDate(String date) {
    try {
      java.time.LocalDate.parse(date);
      return true;
    } catch (java.time.DateTimeException e) {
      return false;
    }
  }

  @Property
  void parseAgreesWithJavaTime(@ForAll("isoTexts") String text) {
    Instant expected = text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
    assertThat(Timestamps.parse(text)).isEqualTo(nanosOf(expected));
  }
}
