package io.tickmesh.feed;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-feed sequence checks and counters of one source: a seq not above the last one seen is a duplicate
 * (refused), a jump is a gap (counted, logged at most every ten seconds per feed, and accepted). It also
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
      return new JsonObject()
          .put("ticksIn", ticksIn)
          .put("ticksRejected", rejected)
          .put("duplicates", duplicates)
          .put("gaps", gaps)
          .put("missing", missing)
          .put("lastSeq", lastSeq)
          .put("pendingTicks", pending)
          .put("idleMs", lastInNanos == 0 ? 0 : Math.max(0, nowNanos - lastInNanos) / 1_000_000);
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

  private final Map<String, Counters> feeds = new HashMap<>();
  private final String source;

  FeedSequences(String source) {
    this.source = source;
  }

  /** Counters of {@code feed}, created on first use. */
  Counters of(String feed) {
    return feeds.computeIfAbsent(feed, f -> new Counters());
  }

  /** Returns null if {@code seq} may pass, else the reason it is a duplicate. */
  String check(String feed, Counters c, long seq, long nowNanos) {
    if (seq <= c.lastSeq) {
      c.duplicates++;
      return "duplicate: seq " + seq + " is not above the last seq " + c.lastSeq + " of feed " + feed;
    }
    if (c.lastSeq > 0 && seq > c.lastSeq + 1) {
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
    c.lastSeq = seq;
    c.handledSeq = Math.max(c.handledSeq, seq);
    return null;
  }

  /**
   * Whether a line refused before its seq was checked (bad field, bad JSON after the seq) may count
   * towards the feed's acks: only if {@code seq} is at most one above the highest seq handled on this
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
