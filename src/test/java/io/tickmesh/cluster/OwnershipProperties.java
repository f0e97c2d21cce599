package io.tickmesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Shard ownership as DESIGN.md asks it to be: the same owners on every node for the same view, a join or
 * a leave moving about 1/N of the shards (only those the newcomer wins, or the leaver held), and no shard
 * without an owner while a quorum is live.
 */
class OwnershipProperties {
  @Provide
  Arbitrary<List<String>> members() {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12)
        .set().ofMinSize(1).ofMaxSize(9).map(ArrayList::new);
  }

  @Property(tries = 300)
  void everyNodeComputesTheSameOwnersFromTheSameView(@ForAll("members") List<String> members, @ForAll long seed) {
    List<String> shuffled = new ArrayList<>(members);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(Rendezvous.owners(64, shuffled)).isEqualTo(Rendezvous.owners(64, members));
    for (String self : members) {
      ClusterView view = new ClusterView(shuffled, self, members.size());
      assertThat(view.owned(64)).allSatisfy(s -> assertThat(Rendezvous.owner(s, members)).isEqualTo(self));
    }
  }

  @Property(tries = 300)
  void aJoinMovesOnlyTheShardsTheNewcomerWins(@ForAll("members") List<String> members, @ForAll("members") List<String> more) {
    String newcomer = more.get(0) + "-new";
    List<String> after = new ArrayList<>(members);
    after.add(newcomer);
    List<String> before = Rendezvous.owners(1024, members);
    List<String> now = Rendezvous.owners(1024, after);
    int moved = 0;
    for (int s = 0; s < 1024; s++) {
      if (!before.get(s).equals(now.get(s))) {
        assertThat(now.get(s)).as("a moved shard goes to the newcomer").isEqualTo(newcomer);
        moved++;
      }
    }
    double expected = 1024.0 / after.size();
    assertThat((double) moved).as("about 1/N of the shards move").isBetween(expected * 0.6, expected * 1.4);
  }

  @Property(tries = 300)
  void aLeaveMovesOnlyTheShardsTheLeaverHeld(@ForAll("members") List<String> members, @ForAll @IntRange(min = 0, max = 8) int which) {
    if (members.size() < 2) {
      return;
    }
    String leaver = members.get(which % members.size());
    List<String> after = new ArrayList<>(members);
    after.remove(leaver);
    List<String> before = Rendezvous.owners(256, members);
    List<String> now = Rendezvous.owners(256, after);
    for (int s = 0; s < 256; s++) {
      if (!before.get(s).equals(leaver)) {
        assertThat(now.get(s)).as("shard " + s + " was not the leaver's: it stays").isEqualTo(before.get(s));
      } else {
        assertThat(after).contains(now.get(s));
      }
    }
  }

  @Property(tries = 300)
  void withAQuorumEveryShardHasExactlyOneOwnerAndWithoutOneNone(
      @ForAll("members") List<String> members, @ForAll @IntRange(min = 1, max = 15) int expectedSize) {
    Set<Integer> seen = new HashSet<>();
    int owned = 0;
    for (String self : members) {
      ClusterView view = new ClusterView(members, self, expectedSize);
      Set<Integer> mine = view.owned(64);
      owned += mine.size();
      seen.addAll(mine);
      assertThat(view.hasQuorum()).isEqualTo(members.size() >= expectedSize / 2 + 1);
    }
    if (members.size() >= expectedSize / 2 + 1) {
      assertThat(owned).as("each shard owned once").isEqualTo(64);
      assertThat(seen).hasSize(64);
    } else {
      assertThat(owned).as("a minority owns nothing").isZero();
    }
  }
}
