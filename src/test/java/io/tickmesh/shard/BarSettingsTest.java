package io.tickmesh.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickmesh.model.BarInterval;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarSettingsTest {
  private static final BarInterval SECOND = BarInterval.parse("1s");
  private static final BarInterval MINUTE = BarInterval.parse("1m");

  @Test
  void acceptsNestedIntervalsFinestFirst() {
    BarSettings settings = new BarSettings(List.of(SECOND, MINUTE), 0, 1_000_000_000L, 10);
    assertThat(settings.finest()).isEqualTo(SECOND);
  }

  @Test
  void refusesWhatWouldBreakTheSameTradesForEveryInterval() {
    assertThatThrownBy(() -> new BarSettings(List.of(MINUTE, SECOND), 0, 0, 1))
        .hasMessageContaining("finest first");
    assertThatThrownBy(() -> new BarSettings(List.of(BarInterval.parse("7s"), MINUTE), 0, 0, 1))
        .hasMessageContaining("1m is not a whole multiple of the finest interval 7s");
    assertThatThrownBy(() -> new BarSettings(List.of(), 0, 0, 1)).hasMessageContaining("interval");
    assertThatThrownBy(() -> new BarSettings(List.of(SECOND), -1, 0, 1))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> new BarSettings(List.of(SECOND), 0, 0, -1))
        .hasMessageContaining("negative");
  }
}
