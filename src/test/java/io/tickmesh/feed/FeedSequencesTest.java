package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which refused seqs may count towards a feed's acks. */
class FeedSequencesTest {
  private final FeedSequences sequences = new FeedSequences("conn-1");
  private final FeedSequences.Counters feed = sequences.of("f");

  @Test
  void aRefusedSeqCountsOnlyWhenItSkipsNothing() {
    assertThat(sequences.check("f", feed, 1, 0)).isNull();
    assertThat(sequences.countsRefused(feed, 1_000_000)).as("would claim 2..999999").isFalse();
    assertThat(sequences.countsRefused(feed, 2)).isTrue();
    assertThat(sequences.countsRefused(feed, 2)).as("already handled: skips nothing").isTrue();
    assertThat(sequences.countsRefused(feed, 4)).isFalse();
    assertThat(sequences.countsRefused(feed, 0)).as("no seq").isFalse();
  }

  @Test
  void aRefusedSeqDoesNotMoveTheDuplicateCheck() {
    assertThat(sequences.check("f", feed, 1, 0)).isNull();
    assertThat(sequences.countsRefused(feed, 2)).isTrue();
    assertThat(sequences.check("f", feed, 2, 0)).as("a corrected resend of the refused line").isNull();
    assertThat(sequences.countsRefused(feed, 3)).isTrue();
  }

  @Test
  void onAFreshSourceOnlyTheFirstSeqCounts() {
    assertThat(sequences.countsRefused(feed, 1_001)).as("this source has handled nothing of f").isFalse();
    assertThat(sequences.countsRefused(feed, 1)).isTrue();
  }
}
