package io.tickmesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ownership figures count what happened and list the latest claims, oldest first, at most 128 of them. */
class OwnershipFiguresTest {
  @Test
  void countsAndKeepsTheLatestClaims() {
    OwnershipFigures figures = new OwnershipFigures();
    for (int i = 0; i < OwnershipFigures.RECENT + 2; i++) {
      figures.claimed(i, 1, 10, -1);
    }
    figures.moved();
    figures.fenced();
    figures.stalled();
    figures.stalled();

    JsonObject json = figures.toJson("node-1", new ClusterView(List.of("node-1", "node-2"), "node-1", 3), Set.of(9, 2));
    assertThat(json.getBoolean("quorum")).isTrue();
    assertThat(json.getJsonArray("members")).containsExactly("node-1", "node-2");
    assertThat(json.getJsonArray("owned")).containsExactly(2, 9);
    assertThat(json.getLong("claims")).isEqualTo(OwnershipFigures.RECENT + 2);
    assertThat(json.getLong("moves")).isEqualTo(1);
    assertThat(json.getLong("fenced")).isEqualTo(1);
    assertThat(json.getLong("stalls")).isEqualTo(2);
    JsonArray recent = json.getJsonArray("recentClaims");
    assertThat(recent).hasSize(OwnershipFigures.RECENT);
    assertThat(recent.getJsonObject(0).getInteger("shard")).as("the two oldest are gone").isEqualTo(2);
    assertThat(recent.getJsonObject(OwnershipFigures.RECENT - 1).getInteger("shard")).isEqualTo(OwnershipFigures.RECENT + 1);
  }

  @Test
  void aNodeWithoutAViewYet() {
    JsonObject json = new OwnershipFigures().toJson("node-1", null, Set.of());
    assertThat(json.getBoolean("quorum")).isFalse();
    assertThat(json.getJsonArray("members")).isEmpty();
    assertThat(json.getJsonArray("recentClaims")).isEmpty();
  }
}
