package io.tickmesh.feed;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-feed sequence checks and counters of one source: a seq not above the last one seen is a duplicate
 * (refused), a jump is a gap (counted, logged at most every ten seconds per feed, and accepted), unless it
 * is larger than {@code feed.maxSeqJump}: then it is refused, so one typo or corrupt seq cannot use up the
 * feed (every later seq would be a duplicate). It also
 * keeps the highest seq the source may acknowledge per feed, which a refused line moves only when it
 * skips nothing (see {@link #countsRefused}).
 *
 * <p>Threading: owned by one source's context.
 */
final class FeedSequences {
  private static final Logger LOG = LoggerFactory.getLogger(FeedSequences.class);
  private static final long GAP_LOG_EVERY_NANOS = 10_000_000_000L;

  /** Counters of one feed on one source. */
  static final class Counters {
    long ticksIn;
    long rejected;
    long duplicates;
    long gaps;
    long missing;
    long lastSeq;
    /** Highest seq handled on this source: accepted, or refused without skipping an unhandled seq. */
    private long handledSeq;
    /** Ticks routed to shards and not answered yet. */
    long pending;
    /** Wall time (epoch nanoseconds) the feed's last line was read; 0 before the first. */
    long lastInNanos;
    private long lastGapLog = Long.MIN_VALUE;
    private long gapsSinceLog;

    /** The counters as JSON; {@code idleMs} is the time from the last line read to {@code nowNanos}. */
    JsonObject toJson(long nowNanos) {
      return countsJson()
          .put("lastSeq", lastSeq)
          .put("pendingTicks", pending)
          .put("idleMs", lastInNanos == 0 ? 0 : Math.max(0, nowNanos - lastInNanos) / 1_000_000);
    }

    /** The counts alone, which add up over feeds (no last seq, pending or idle time). */
    JsonObject countsJson() {
      return new JsonObject()
          .put("ticksIn", ticksIn)
          .put("ticksRejected", rejected)
          .put("duplicates", duplicates)
          .put("gaps", gaps)
          .put("missing", missing);
    }

    void addTo(Counters total) {
      total.ticksIn += ticksIn;
      total.rejected += rejected;
      total.duplicates += duplicates;
      total.gaps += gaps;
      total.missing += missing;
      total.pending += pending;
      total.lastSeq = Math.max(total.lastSeq, lastSeq);
      total.lastInNanos = Math.max(total.lastInNanos, lastInNanos);
    }
  }

  /** What the check of a line's seq decided. */
  enum Verdict {
    /** Above the feed's last seq (perhaps with a gap): the line goes on. */
    ACCEPTED,
    /** Not above the feed's last seq: refused. */
    DUPLICATE,
    /** More than {@code feed.maxSeqJump} above the feed's last seq: refused, the last seq stays. */
    TOO_FAR
  }

  private final Map<String, Counters> feeds = new HashMap<>();
  private final String source;
  private final long maxJump;

  /** Checks of the feeds of {@code source}; a seq may be at most {@code maxJump} above its feed's last one. */
  FeedSequences(String source, long maxJump) {
    this.source = source;
    this.maxJump = maxJump;
  }

  /** Counters of {@code feed}, created on first use. */
  Counters of(String feed) {
    return feeds.computeIfAbsent(feed, f -> new Counters());
  }

  /**
   * Checks {@code seq} against the feed's last seq on this source and, if accepted, makes it the last.
   * The first seq of a feed on a source has nothing to jump from: any value passes.
   */
  Verdict check(String feed, Counters c, long seq, long nowNanos) {
    if (seq <= c.lastSeq) {
      c.duplicates++;
      return Verdict.DUPLICATE;
    }
    if (c.lastSeq > 0 && seq - c.lastSeq > maxJump) {
      return Verdict.TOO_FAR;
    }
    if (c.lastSeq > 0 && seq > c.lastSeq + 1) {
      gap(feed, c, seq, nowNanos);
    }
    c.lastSeq = seq;
    c.handledSeq = Math.max(c.handledSeq, seq);
    return Verdict.ACCEPTED;
  }

  /** Why {@code seq} was refused with {@code verdict}, right after {@link #check}. */
  String reason(Verdict verdict, String feed, Counters c, long seq) {
    return switch (verdict) {
      case DUPLICATE -> "duplicate: seq " + seq + " is not above the last seq " + c.lastSeq + " of feed " + feed;
      case TOO_FAR -> "seq jumps " + (seq - c.lastSeq) + " past the last seq " + c.lastSeq
          + "; at most feed.maxSeqJump=" + maxJump;
      case ACCEPTED -> throw new IllegalArgumentException("an accepted seq has no reason");
    };
  }

  private void gap(String feed, Counters c, long seq, long nowNanos) {
    c.gaps++;
    c.missing += seq - c.lastSeq - 1;
    c.gapsSinceLog++;
    if (nowNanos - c.lastGapLog >= GAP_LOG_EVERY_NANOS) {
      LOG.atWarn()
          .addKeyValue("source", source)
          .addKeyValue("feed", feed)
          .addKeyValue("afterSeq", c.lastSeq)
          .addKeyValue("seq", seq)
          .addKeyValue("gapsSinceLastReport", c.gapsSinceLog)
          .addKeyValue("missingTotal", c.missing)
          .log("sequence gap on feed {}: seq jumped from {} to {}", feed, c.lastSeq, seq);
      c.lastGapLog = nowNanos;
      c.gapsSinceLog = 0;
    }
  }

  /**
   * Whether a refused line may count towards the feed's acks (a bad field, bad JSON after the seq, a
   * duplicate, a seq jumping too far): only if {@code seq} is at most one above the highest seq handled on this
   * source. An ack means every seq up to it was handled, so a refused line with a far-off seq (a typo, a
   * corrupt line) must not make the ack jump over seqs never seen; a publisher resuming from that ack
   * would skip them. A refused line that does not count is still reported and counted; acks cover it
   * once the feed's accepted lines reach its seq.
   */
  boolean countsRefused(Counters c, long seq) {
    if (seq <= 0 || seq > c.handledSeq + 1) {
      return false;
    }
    c.handledSeq = Math.max(c.handledSeq, seq);
    return true;
  }

  /** Visits each feed's counters. */
  void forEach(BiConsumer<String, Counters> visitor) {
    feeds.forEach(visitor);
  }
}
