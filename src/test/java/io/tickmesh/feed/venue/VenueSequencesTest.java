package io.tickmesh.feed.venue;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.venue.VenueSequences.Verdict;
import org.junit.jupiter.api.Test;

/** A venue's numbers across reconnects: nothing taken twice, trade ids skipped counted as gaps with the ids. */
class VenueSequencesTest {
  @Test
  void tradeIdsAreTakenOnceAndSkippedOnesAreGaps() {
    VenueSequences s = new VenueSequences();
    assertThat(s.trade("c:A", 100, 1)).isEqualTo(Verdict.NEXT); // the first: nothing to jump from
    assertThat(s.trade("c:A", 101, 2)).isEqualTo(Verdict.NEXT);
    assertThat(s.trade("c:A", 101, 3)).isEqualTo(Verdict.SEEN); // sent again after a resubscribe
    assertThat(s.trade("c:A", 99, 4)).isEqualTo(Verdict.SEEN);
    assertThat(s.trade("c:A", 105, 5)).isEqualTo(Verdict.AFTER_GAP);
    assertThat(s.trade("c:B", 7, 6)).isEqualTo(Verdict.NEXT);
    assertThat(s.gaps()).isEqualTo(1);
    assertThat(s.missing()).isEqualTo(3);
    assertThat(s.lastGap()).isEqualTo(new VenueSequences.Gap("c:A", 101, 105, 5));
    assertThat(s.recentJson().getJsonObject(0).getLong("missing")).isEqualTo(3);
  }

  @Test
  void quoteSeqsSkipWhatWasSeenAndCountNoGaps() {
    VenueSequences s = new VenueSequences();
    assertThat(s.increasing("c:A:ticker", 10)).isEqualTo(Verdict.NEXT);
    assertThat(s.increasing("c:A:ticker", 50)).isEqualTo(Verdict.NEXT);
    assertThat(s.increasing("c:A:ticker", 50)).isEqualTo(Verdict.SEEN);
    assertThat(s.gaps()).isZero();
  }

  @Test
  void onlyTheLastGapsAreKept() {
    VenueSequences s = new VenueSequences();
    for (int i = 0; i <= VenueSequences.RECENT_GAPS + 5; i++) {
      var unused = s.trade("c:A", 1 + 2L * i, i);
    }
    assertThat(s.recentJson()).hasSize(VenueSequences.RECENT_GAPS);
    assertThat(s.gaps()).isEqualTo(VenueSequences.RECENT_GAPS + 5);
  }
}
