package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import static io.tickmesh.feed.FeedSequences.Verdict.ACCEPTED;
import static io.tickmesh.feed.FeedSequences.Verdict.DUPLICATE;
import static io.tickmesh.feed.FeedSequences.Verdict.TOO_FAR;

import org.junit.jupiter.api.Test;

/** The sequence checks of one source, and which refused seqs may count towards a feed's acks. */
class FeedSequencesTest {
  private final FeedSequences sequences = new FeedSequences("conn-1", 1_000);
  private final FeedSequences.Counters feed = sequences.of("f");

  @Test
  void aRefusedSeqCountsOnlyWhenItSkipsNothing() {
    assertThat(sequences.check("f", feed, 1, 0)).isEqualTo(ACCEPTED);
    assertThat(sequences.countsRefused(feed, 1_000_000)).as("would claim 2..999999").isFalse();
    assertThat(sequences.countsRefused(feed, 2)).isTrue();
    assertThat(sequences.countsRefused(feed, 2)).as("already handled: skips nothing").isTrue();
    assertThat(sequences.countsRefused(feed, 4)).isFalse();
    assertThat(sequences.countsRefused(feed, 0)).as("no seq").isFalse();
  }

  @Test
  void aRefusedSeqDoesNotMoveTheDuplicateCheck() {
    assertThat(sequences.check("f", feed, 1, 0)).isEqualTo(ACCEPTED);
    assertThat(sequences.countsRefused(feed, 2)).isTrue();
    assertThat(sequences.check("f", feed, 2, 0)).as("a corrected resend of the refused line").isEqualTo(ACCEPTED);
    assertThat(sequences.countsRefused(feed, 3)).isTrue();
  }

  @Test
  void onAFreshSourceOnlyTheFirstSeqCounts() {
    assertThat(sequences.countsRefused(feed, 1_001)).as("this source has handled nothing of f").isFalse();
    assertThat(sequences.countsRefused(feed, 1)).isTrue();
  }

  @Test
  void aJumpPastTheLimitIsRefusedAndMovesNothing() {
    assertThat(sequences.check("f", feed, 5, 0)).as("the first seq has nothing to jump from").isEqualTo(ACCEPTED);
    assertThat(sequences.check("f", feed, 1_006, 0)).isEqualTo(TOO_FAR);
    assertThat(sequences.reason(TOO_FAR, "f", feed, 1_006))
        .isEqualTo("seq jumps 1001 past the last seq 5; at most feed.maxSeqJump=1000");
    assertThat(sequences.countsRefused(feed, 1_006)).as("it must not make acks jump").isFalse();
    assertThat(feed.lastSeq).isEqualTo(5);
    assertThat(sequences.check("f", feed, 6, 0)).as("the feed goes on from its last seq").isEqualTo(ACCEPTED);
    assertThat(sequences.check("f", feed, 1_006, 0)).as("a jump of exactly the limit is a gap").isEqualTo(ACCEPTED);
    assertThat(feed.gaps).isEqualTo(1);
    assertThat(feed.missing).isEqualTo(999);
  }

  @Test
  void aDuplicateIsRefusedWithItsReasonAndCounts() {
    assertThat(sequences.check("f", feed, 3, 0)).isEqualTo(ACCEPTED);
    assertThat(sequences.check("f", feed, 3, 0)).isEqualTo(DUPLICATE);
    assertThat(sequences.reason(DUPLICATE, "f", feed, 3)).isEqualTo("duplicate: seq 3 is not above the last seq 3 of feed f");
    assertThat(sequences.countsRefused(feed, 3)).isTrue();
    assertThat(feed.duplicates).isEqualTo(1);
  }
}
