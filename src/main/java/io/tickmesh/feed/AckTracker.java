package io.tickmesh.feed;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Works out what a connection may acknowledge to its publisher: for each feed, the highest seq such that
 * every line read before it has been handled (applied or refused). Lines are grouped in segments (one per
 * read chunk); a segment is done when it is sealed and all its routed ticks are acknowledged by their
 * shards. Acks advance over the done prefix of segments only, because shards answer out of order.
 *
 * <p>Threading: owned by one connection's context.
 */
final class AckTracker {
  /** The lines of one read chunk. */
  static final class Segment {
    private int outstanding;
    private boolean sealed;
    private String feed;
    private long maxSeq;
    private Map<String, Long> otherFeeds;

    /** Notes a line of {@code feed} up to {@code seq} in this segment (routed or refused). */
    void note(String feed, long seq) {
      if (this.feed == null || this.feed.equals(feed)) {
        this.feed = feed;
        maxSeq = Math.max(maxSeq, seq);
      } else {
        if (otherFeeds == null) {
          otherFeeds = new HashMap<>();
        }
        otherFeeds.merge(feed, seq, Math::max);
      }
    }
  }

  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private final Map<String, Long> acked = new HashMap<>();
  private final BiConsumer<String, Long> ackSink;

  /** {@code ackSink} receives (feed, seq) each time a feed's acknowledged seq advances. */
  AckTracker(BiConsumer<String, Long> ackSink) {
    this.ackSink = ackSink;
  }

  /** Opens the segment for the next read chunk. */
  Segment open() {
    Segment s = new Segment();
    segments.addLast(s);
    return s;
  }

  /** One more tick of {@code s} was sent to a shard and awaits its answer. */
  void routed(Segment s) {
    s.outstanding++;
  }

  /** The chunk of {@code s} is fully read; acks may pass it once its ticks are answered. */
  void seal(Segment s) {
    s.sealed = true;
    advance();
  }

  /** {@code count} ticks of {@code s} were answered by their shard. */
  void answered(Segment s, int count) {
    s.outstanding -= count;
    if (s.outstanding == 0 && s == segments.peekFirst()) {
      advance();
    }
  }

  /** Segments not yet acknowledged. */
  int openSegments() {
    return segments.size();
  }

  private void advance() {
    Map<String, Long> advanced = new HashMap<>(4);
    while (!segments.isEmpty()) {
      Segment head = segments.peekFirst();
      if (!head.sealed || head.outstanding > 0) {
        break;
      }
      segments.pollFirst();
      if (head.feed == null) {
        continue;
      }
      advanced.merge(head.feed, head.maxSeq, Math::max);
      if (head.otherFeeds != null) {
        head.otherFeeds.forEach((f, seq) -> advanced.merge(f, seq, Math::max));
      }
    }
    advanced.forEach(this::ackIfHigher);
  }

  private void ackIfHigher(String feed, long seq) {
    Long previous = acked.get(feed);
    if (previous == null || seq > previous) {
      acked.put(feed, seq);
      ackSink.accept(feed, seq);
    }
  }
}
