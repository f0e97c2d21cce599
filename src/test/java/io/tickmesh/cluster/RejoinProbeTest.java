package io.tickmesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a peer's {@code /api/v1/cluster} proves that a quorum runs without this node, and when it proves nothing. */
class RejoinProbeTest {
  @Test
  void aPeerWithAQuorumThatLeavesThisNodeOutProvesItIsOutside() {
    assertThat(RejoinProbeVerticle.outside("node-1", "{\"quorum\":true,\"members\":[\"node-1\",\"node-2\"]}", "node-3"))
        .hasValue("node-1 has a quorum with node-1, node-2");
  }

  @Test
  void aPeerThatListsThisNodeOrHasNoQuorumProvesNothing() {
    assertThat(RejoinProbeVerticle.outside("node-1", "{\"quorum\":true,\"members\":[\"node-1\",\"node-2\",\"node-3\"]}", "node-3"))
        .as("merged back already").isEmpty();
    assertThat(RejoinProbeVerticle.outside("node-1", "{\"quorum\":false,\"members\":[\"node-1\"]}", "node-3"))
        .as("a minority itself").isEmpty();
  }

  @Test
  void aMalformedAnswerProvesNothing() {
    for (String answer : new String[] {"", "[]", "not json", "{\"quorum\":\"true\",\"members\":[\"node-1\"]}",
        "{\"quorum\":true}", "{\"quorum\":true,\"members\":[]}", "{\"quorum\":true,\"members\":[1,2]}",
        "{\"quorum\":true,\"members\":\"node-1\"}"}) {
      assertThat(RejoinProbeVerticle.outside("node-1", answer, "node-3")).as(answer).isEmpty();
    }
  }
}
