package io.tickmesh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickmesh.model.BarInterval;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Text to value conversion of config keys, on random inputs. */
class ConfigValueProperties {

  @Property
  void portsReadBackFromTheirText(@ForAll @IntRange(min = 0, max = 65535) int port, @ForAll("blanks") String pad) {
    assertThat(ConfigKeys.HTTP_PORT.read(pad + port + pad, "test")).isEqualTo(port);
  }

  @Property
  void portsOutsideTheRangeAreRefusedNamingTheText(@ForAll int n) {
    Assume.that(n < 0 || n > 65535);
    assertThatThrownBy(() -> ConfigKeys.HTTP_PORT.read(Integer.toString(n), "test"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config key 'http.port' (test): expected an integer between 0 and 65535, got '" + n + "'");
  }

  @Property
  void everyLongIsASeedAsTextOrTyped(@ForAll long seed) {
    assertThat(ConfigKeys.SIM_SEED.read(Long.toString(seed), "test")).isEqualTo(seed);
    assertThat(ConfigKeys.SIM_SEED.read(seed, "test")).isEqualTo(seed);
  }

  @Property
  void flagsIgnoreLetterCase(@ForAll boolean value, @ForAll("caseMasks") long mask) {
    StringBuilder text = new StringBuilder(Boolean.toString(value));
    for (int i = 0; i < text.length(); i++) {
      if ((mask >> i & 1) == 1) {
        text.setCharAt(i, Character.toUpperCase(text.charAt(i)));
      }
    }
    assertThat(ConfigKeys.SIM_ENABLED.read(text.toString(), "test")).isEqualTo(value);
  }

  @Property
  void intervalsComeOutSortedFinestFirstWhateverTheOrder(
      @ForAll("intervalLabels") List<String> labels, @ForAll("separators") String separator) {
    List<BarInterval> expected =
        labels.stream().map(BarInterval::parse).sorted(Comparator.comparingLong(BarInterval::nanos)).toList();
    assertThat(ConfigKeys.BARS_INTERVALS.read(String.join(separator, labels), "test")).isEqualTo(expected);
    assertThat(ConfigKeys.BARS_INTERVALS.read(labels, "test")).isEqualTo(expected);
  }

  @Property
  void anyTextIsReadOrRefusedWithAMessageNamingTheKey(@ForAll("keys") ConfigKey<?> key, @ForAll String text) {
    try {
      Object unused = key.read(text, "test");
    } catch (ConfigException e) {
      assertThat(e.getMessage()).startsWith("config key '" + key.name() + "' (test): expected ");
    }
  }

  @Provide
  Arbitrary<String> blanks() {
    return Arbitraries.of("", " ", "\t", "  ");
  }

  @Provide
  Arbitrary<Long> caseMasks() {
    return Arbitraries.longs().between(0, 31);
  }

  @Provide
  Arbitrary<List<String>> intervalLabels() {
    return Arbitraries.of("1ms", "250ms", "1s", "5s", "1m", "5m", "15m", "1h", "4h", "1d")
        .list()
        .ofMinSize(1)
        .uniqueElements();
  }

  @Provide
  Arbitrary<String> separators() {
    return Arbitraries.of(",", ", ", " , ");
  }

  @Provide
  Arbitrary<ConfigKey<?>> keys() {
    return Arbitraries.of(ConfigKeys.ALL);
  }
}
