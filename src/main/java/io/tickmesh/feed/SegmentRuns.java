package io.tickmesh.feed;

import java.util.Arrays;

/**
 * Which segments the ticks of one batch came from, as runs (segment, count) in order: ticks of one read
 * chunk arrive together, so a batch usually holds one or two runs. Threading: owned by one source.
 */
public final class SegmentRuns {
  private AckTracker.Segment[] segments = new AckTracker.Segment[2];
  private int[] counts = new int[2];
  private int size;

  void add(AckTracker.Segment segment) {
    if (size > 0 && segments[size - 1] == segment) {
      counts[size - 1]++;
      return;
    }
    if (size == segments.length) {
      segments = Arrays.copyOf(segments, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    segments[size] = segment;
    counts[size] = 1;
    size++;
  }

  /** Tells the tracker that every tick of these runs has been answered. */
  void answerAll(AckTracker tracker) {
    for (int i = 0; i < size; i++) {
      tracker.answered(segments[i], counts[i]);
    }
  }
}
