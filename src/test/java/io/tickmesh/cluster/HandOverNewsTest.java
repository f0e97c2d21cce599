package io.tickmesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.ShardClaimed;
import io.tickmesh.model.ShardHandOff;
import io.tickmesh.model.ShardReleased;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What node-2 hears of shard 7 moving to it from node-1 (epoch 4, handed over under epoch 5): the claim's
 * waits end on the release, the hand-off or the old owner's leaving; a handed state is used once, fresh and
 * only while no release or claim ended its hand-over; a shard served provisionally hears whether its
 * hand-over committed.
 */
class HandOverNewsTest {
  private static final long TTL = 18_000_000_000L;
  private final HandOverNews news = new HandOverNews("node-2", TTL);
  private final ShardHandOff handOff = new ShardHandOff(7, 4, "node-1", "node-2", 5, 12, new byte[] {1}, 1_000);
  private final ClusterView both = new ClusterView(List.of("node-1", "node-2", "node-3"), "node-2", 3);
  private final ClusterView withoutNode1 = new ClusterView(List.of("node-2", "node-3"), "node-2", 3);
  private final ClusterView alone = new ClusterView(List.of("node-2"), "node-2", 3);

  private static ShardReleased committed() {
    return new ShardReleased(7, 4, "node-1", 1_000, "node-2", 5);
  }

  private static ShardReleased notCommitted() {
    return new ShardReleased(7, 4, "node-1", 1_000, "", 0);
  }

  @Test
  void aClaimWaitsForTheReleaseOrTheHandOff() {
    Future<Void> waiting = news.releaseOf(7, "node-1");
    assertThat(waiting.isComplete()).isFalse();
    assertThat(news.released(committed(), 10)).as("a claim waited").isTrue();
    assertThat(waiting.succeeded()).isTrue();
    assertThat(news.released(committed(), 20)).as("nobody waits any more").isFalse();

    Future<Void> again = news.releaseOf(7, "node-1");
    news.handedOff(handOff, 30);
    assertThat(again.succeeded()).isTrue();
  }

  @Test
  void aClaimStopsWaitingForANodeThatLeft() {
    Future<Void> waiting = news.releaseOf(7, "node-1");
    news.viewChanged(new ClusterView(List.of("node-2", "node-3"), "node-2", 3, Set.of("node-1")));
    assertThat(waiting.isComplete()).as("a leaving node still hands its shards over").isFalse();
    news.viewChanged(withoutNode1);
    assertThat(waiting.succeeded()).isTrue();
  }

  @Test
  void aHandedStateIsFreshUntilItsTimeOrItsHandOverEnds() {
    news.handedOff(handOff, 100);
    assertThat(news.freshHandOff(7, 100 + TTL - 1)).isSameAs(handOff);
    assertThat(news.freshHandOff(7, 100 + TTL)).as("too old").isNull();
    assertThat(news.freshHandOff(7, 100)).as("forgotten").isNull();

    news.handedOff(handOff, 200);
    boolean unused = news.released(notCommitted(), 300);
    assertThat(news.freshHandOff(7, 300)).as("its hand-over failed: the state is no one's").isNull();

    news.handedOff(handOff, 400);
    unused = news.released(committed(), 500);
    assertThat(news.freshHandOff(7, 500)).as("its hand-over committed: the state is this node's").isSameAs(handOff);
    news.claimed(new ShardClaimed(7, 5, "node-2"));
    assertThat(news.freshHandOff(7, 500)).as("this node's own claim").isSameAs(handOff);
    news.claimed(new ShardClaimed(7, 5, "node-3"));
    assertThat(news.freshHandOff(7, 500)).as("another node serves that epoch").isNull();
  }

  @Test
  void aGiftIsTakenOnceAndOnlyUnderANewEpoch() {
    var unused = news.released(committed(), 10);
    assertThat(news.takeGift(7, 5)).as("served under epoch 5 already").isNull();
    HandOverNews.Release gift = news.takeGift(7, 4);
    assertThat(gift.toEpoch()).isEqualTo(5);
    assertThat(news.takeGift(7, 4)).as("taken once").isNull();
    assertThat(news.lastRelease(7).node()).as("the release is still known").isEqualTo("node-1");

    unused = news.released(new ShardReleased(7, 5, "node-1", 1_000, "node-3", 6), 20);
    assertThat(news.takeGift(7, 0)).as("given to another node").isNull();
  }

  @Test
  void aProvisionalShardHearsWhetherItsHandOverCommitted() {
    Future<Boolean> word = news.commitOf(7, handOff, both);
    assertThat(word.isComplete()).isFalse();
    var unused = news.released(new ShardReleased(7, 3, "node-1", 1_000, "", 0), 10);
    assertThat(word.isComplete()).as("an older epoch's release").isFalse();
    unused = news.released(committed(), 20);
    assertThat(word.result()).isTrue();

    news.settled(7);
    assertThat(news.commitOf(7, handOff, both).result()).as("the release came first").isTrue();
    unused = news.released(notCommitted(), 30);
    assertThat(news.commitOf(7, handOff, both).result()).isFalse();
  }

  @Test
  void aProvisionalShardWithoutWordFromItsOldOwner() {
    assertThat(news.commitOf(7, handOff, alone).result()).as("no quorum: not this node's").isFalse();
    assertThat(news.commitOf(7, handOff, withoutNode1).failed()).as("its old owner left: the ledger says").isTrue();

    Future<Boolean> waiting = news.commitOf(7, handOff, both);
    news.viewChanged(withoutNode1);
    assertThat(waiting.failed()).isTrue();
    assertThat(waiting.cause()).hasMessageContaining("old owner left");

    Future<Boolean> lost = news.commitOf(7, handOff, both);
    news.viewChanged(alone);
    assertThat(lost.result()).isFalse();
  }
}
