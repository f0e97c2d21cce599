package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Stored bars and the shard's view together: nothing missed, newest revision kept, the window applied. */
class BarMergeTest {
  private static JsonObject bar(String start, int revision) {
    return new JsonObject().put("start", "2026-11-24T14:3" + start + "Z").put("revision", revision);
  }

  @Test
  void aBarClosedButNotYetStoredIsStillAnswered() {
    JsonArray stored = new JsonArray().add(bar("0:00", 0)).add(bar("1:00", 0));
    JsonArray shard = new JsonArray().add(bar("1:00", 1)).add(bar("2:00", 0)).add(bar("3:00", 0).put("closed", false));
    JsonArray merged = BarMerge.merge(stored, shard, false, 10, true);
    assertThat(merged.stream().map(o -> ((JsonObject) o).getString("start")))
        .containsExactly("2026-11-24T14:30:00Z", "2026-11-24T14:31:00Z", "2026-11-24T14:32:00Z", "2026-11-24T14:33:00Z");
    assertThat(merged.getJsonObject(1).getInteger("revision")).isEqualTo(1);
    assertThat(merged.getJsonObject(3).getBoolean("closed")).isFalse();
  }

  @Test
  void theLimitKeepsTheFirstBarsFromFromAndTheLastOtherwise() {
    JsonArray stored = new JsonArray().add(bar("0:00", 0)).add(bar("1:00", 0)).add(bar("2:00", 0));
    assertThat(BarMerge.merge(stored, new JsonArray(), true, 2, false).getJsonObject(0).getString("start"))
        .isEqualTo("2026-11-24T14:30:00Z");
    assertThat(BarMerge.merge(stored, new JsonArray(), false, 2, false).getJsonObject(0).getString("start"))
        .isEqualTo("2026-11-24T14:31:00Z");
    JsonArray openOnly = new JsonArray().add(bar("2:00", 0).put("closed", false));
    assertThat(BarMerge.merge(new JsonArray(), openOnly, false, 2, false)).isEmpty();
  }
}
