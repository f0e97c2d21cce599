package io.tickmesh.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The highest applied seq per feed, and forgetting a feed the node assigned once it is durable. */
class AppliedSeqsTest {
  private final AppliedSeqs seqs = new AppliedSeqs(16);

  private Map<String, Long> contents() {
    Map<String, Long> out = new HashMap<>();
    seqs.forEach(out::put);
    return out;
  }

  @Test
  void aSeqNotAboveTheHighestIsADuplicate() {
    assertThat(seqs.record("f", 5)).isEqualTo(-1);
    assertThat(seqs.record("f", 5)).isEqualTo(5);
    assertThat(seqs.record("f", 3)).isEqualTo(5);
    assertThat(seqs.record("f", 6)).isEqualTo(-1);
  }

  @Test
  void aForgottenFeedLeavesTheMapAndTheCheckpointsAndStartsAfresh() {
    assertThat(seqs.record("auto:n.t0.r.1", 3)).isEqualTo(-1);
    assertThat(seqs.record("named", 7)).isEqualTo(-1);
    assertThat(seqs.record("auto:n.t0.r.1", 4)).as("the last feed stays at hand").isEqualTo(-1);
    assertThat(seqs.forget("auto:n.t0.r.1")).isTrue();
    assertThat(contents()).containsOnly(Map.entry("named", 7L));
    assertThat(seqs.forget("auto:n.t0.r.1")).as("already forgotten").isFalse();
    assertThat(seqs.record("auto:n.t0.r.1", 1)).as("the cached entry went too").isEqualTo(-1);
    assertThat(seqs.record("named", 7)).isEqualTo(7);
  }

  @Test
  void anonymousFeedsForgottenAsTheyCloseNeverPushOutANamedOne() {
    assertThat(seqs.record("named", 100)).isEqualTo(-1);
    for (int i = 0; i < 1_000; i++) {
      String assigned = "auto:n.t0.r." + i;
      assertThat(seqs.record(assigned, 1)).isEqualTo(-1);
      assertThat(seqs.forget(assigned)).isTrue();
    }
    assertThat(seqs.record("named", 100)).as("a resend is still a duplicate").isEqualTo(100);
  }
}
