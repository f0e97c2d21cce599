package io.tickmesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static long nanos(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Test
  void readsUtcWithAndWithoutFraction() {
    assertThat(Timestamps.parse("2026-11-24T14:30:00Z")).isEqualTo(nanos("2026-11-24T14:30:00Z"));
    assertThat(Timestamps.parse("2026-11-24T14:30:00.123456Z"))
        .isEqualTo(nanos("2026-11-24T14:30:00.123456Z"));
    assertThat(Timestamps.parse("2026-11-24T14:30:00.1Z")).isEqualTo(nanos("2026-11-24T14:30:00.100Z"));
    assertThat(Timestamps.parse("2026-11-24T14:30:00.000000001Z")).isEqualTo(nanos("2026-11-24T14:30:00.000000001Z"));
    assertThat(Timestamps.parse("1970-01-01T00:00:00Z")).isZero();
  }

  @Test
  void convertsOffsetsToUtc() {
    assertThat(Timestamps.parse("2026-11-24T14:30:00+00:00")).isEqualTo(nanos("2026-11-24T14:30:00Z"));
    assertThat(Timestamps.parse("2026-11-24T14:30:00-00:00")).isEqualTo(nanos("2026-11-24T14:30:00Z"));
    assertThat(Timestamps.parse("2026-11-24T20:00:00.5+05:30")).isEqualTo(nanos("2026-11-24T14:30:00.5Z"));
    assertThat(Timestamps.parse("2026-12-31T23:00:00-02:00")).isEqualTo(nanos("2027-01-01T01:00:00Z"));
  }

  @Test
  void knowsLeapYears() {
    assertThat(Timestamps.parse("2024-02-29T00:00:00Z")).isEqualTo(nanos("2024-02-29T00:00:00Z"));
    assertThat(Timestamps.parse("2000-02-29T00:00:00Z")).isEqualTo(nanos("2000-02-29T00:00:00Z"));
    assertThatThrownBy(() -> Timestamps.parse("2100-02-29T00:00:00Z"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("bad day of month in '2100-02-29T00:00:00Z'");
    assertThatThrownBy(() -> Timestamps.parse("2026-04-31T00:00:00Z")).hasMessageStartingWith("bad day of month");
  }

  @Test
  void refusesOtherShapesWithAReason() {
    String[] bad = {
      "", "2026-11-24", "2026-11-24T14:30Z", "2026-11-24 14:30:00Z", "2026-11-24t14:30:00Z",
      "2026-11-24T14:30:00z", "2026-11-24T14:30:00", "2026-11-24T14:30:00.Z", "2026-11-24T14:30:00.123",
      "2026-11-24T14:30:00+0100", "2026-11-24T14:30:00+01", "+2026-11-24T14:30:00Z", "26-11-24T14:30:00Z",
      "2026-1-24T14:30:00Z", "2026-11-24T14:30:00ZZ", "2026-11-24T14:30:00 Z", "2026-11-24T14:3a:00Z",
      "1732465000123", "2026-11-24T14:30:00.12345678901Z"
    };
    for (String text : bad) {
      assertThatThrownBy(() -> Timestamps.parse(text)).as(text).isInstanceOf(InvalidValueException.class);
    }
    assertThatThrownBy(() -> Timestamps.parse("2026-11-24 14:30:00Z"))
        .hasMessage("not an ISO-8601 timestamp '2026-11-24 14:30:00Z': expected "
            + "YYYY-MM-DDTHH:MM:SS[.fffffffff] and Z or an offset like +01:00");
    assertThatThrownBy(() -> Timestamps.parse("2026-11-24T14:30:00.1234567891Z"))
        .hasMessage("more than 9 fraction digits in '2026-11-24T14:30:00.1234567891Z'");
    assertThatThrownBy(() -> Timestamps.parse("x".repeat(100))).hasMessageContaining("...'");
  }

  @Test
  void refusesFieldsOutOfRange() {
    assertThatThrownBy(() -> Timestamps.parse("2026-13-01T00:00:00Z")).hasMessageStartingWith("bad month in");
    assertThatThrownBy(() -> Timestamps.parse("2026-00-01T00:00:00Z")).hasMessageStartingWith("bad month in");
    assertThatThrownBy(() -> Timestamps.parse("2026-01-00T00:00:00Z")).hasMessageStartingWith("bad day of");
    assertThatThrownBy(() -> Timestamps.parse("2026-01-01T24:00:00Z")).hasMessageStartingWith("bad time of day");
    assertThatThrownBy(() -> Timestamps.parse("2026-01-01T23:60:00Z")).hasMessageStartingWith("bad time of day");
    assertThatThrownBy(() -> Timestamps.parse("2016-12-31T23:59:60Z")).hasMessageStartingWith("bad time of day");
    assertThatThrownBy(() -> Timestamps.parse("2026-01-01T00:00:00+18:01")).hasMessageStartingWith("bad offset");
    assertThatThrownBy(() -> Timestamps.parse("2026-01-01T00:00:00+01:60")).hasMessageStartingWith("bad offset");
    assertThat(Timestamps.parse("2026-01-01T18:00:00+18:00")).isEqualTo(nanos("2026-01-01T00:00:00Z"));
  }

  @Test
  void parsesToTheEdgesOfLongNanos() {
    assertThat(Timestamps.parse("2262-04-11T23:47:16.854775807Z")).isEqualTo(Long.MAX_VALUE);
    assertThat(Timestamps.parse("1677-09-21T00:12:43.145224192Z")).isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> Timestamps.parse("2262-04-11T23:47:16.854775808Z"))
        .hasMessageStartingWith("out of the range of nanoseconds since the epoch");
    assertThatThrownBy(() -> Timestamps.parse("1677-09-21T00:12:43.145224191Z"))
        .hasMessageStartingWith("out of the range");
    assertThatThrownBy(() -> Timestamps.parse("9999-12-31T23:59:59Z")).hasMessageStartingWith("out of the range");
    assertThatThrownBy(() -> Timestamps.parse("0000-01-01T00:00:00Z")).hasMessageStartingWith("out of the range");
  }

  @Test
  void checkRangeKeepsTicksBetween1990And2262() {
    assertThat(Timestamps.MIN_TICK_NANOS).isEqualTo(nanos("1990-01-01T00:00:00Z"));
    assertThat(Timestamps.END_TICK_NANOS).isEqualTo(nanos("2262-04-11T00:00:00Z"));
    assertThat(Timestamps.checkRange(Timestamps.MIN_TICK_NANOS)).isEqualTo(Timestamps.MIN_TICK_NANOS);
    assertThat(Timestamps.checkRange(Timestamps.END_TICK_NANOS - 1)).isEqualTo(Timestamps.END_TICK_NANOS - 1);
    assertThatThrownBy(() -> Timestamps.checkRange(1732465000123L))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("ts 1732465000123 is before 1990-01-01: nanoseconds since the epoch expected");
    assertThatThrownBy(() -> Timestamps.checkRange(Timestamps.END_TICK_NANOS))
        .hasMessage("ts 9223286400000000000 is not before 2262-04-11");
    assertThatThrownBy(() -> Timestamps.checkRange(-1)).hasMessageStartingWith("ts -1 is before 1990-01-01");
    assertThat(Timestamps.isInRange(Timestamps.MIN_TICK_NANOS - 1)).isFalse();
    assertThat(Timestamps.isInRange(Timestamps.END_TICK_NANOS)).isFalse();
  }

  @Test
  void formatsLikeInstantToString() {
    assertThat(Timestamps.format(0)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(Timestamps.format(nanos("2026-11-24T14:30:00.120Z"))).isEqualTo("2026-11-24T14:30:00.120Z");
    assertThat(Timestamps.format(nanos("2026-11-24T14:30:00.123400Z"))).isEqualTo("2026-11-24T14:30:00.123400Z");
    assertThat(Timestamps.format(nanos("2026-11-24T14:30:00.000000001Z")))
        .isEqualTo("2026-11-24T14:30:00.000000001Z");
    assertThat(Timestamps.format(-1)).isEqualTo("1969-12-31T23:59:59.999999999Z");
    assertThat(Timestamps.format(Long.MAX_VALUE)).isEqualTo("2262-04-11T23:47:16.854775807Z");
    assertThat(Timestamps.format(Long.MIN_VALUE)).isEqualTo("1677-09-21T00:12:43.145224192Z");
    StringBuilder sb = new StringBuilder("ts=");
    Timestamps.append(sb, 1);
    assertThat(sb).hasToString("ts=1970-01-01T00:00:00.000000001Z");
  }
}
