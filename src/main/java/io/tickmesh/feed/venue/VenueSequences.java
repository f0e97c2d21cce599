package io.tickmesh.feed.venue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The venue's own numbers, per feed id, across reconnects: a trade id or quote seq not above the last one
 * taken is never routed again (so a resubscribe counts nothing twice), and a trade id more than one above
 * the last is a gap, the trades in between missed for good (venues do not replay): counted, and the last
 * {@link #RECENT_GAPS} kept with the ids missing. Quote seqs count no gaps: a venue numbers more than its
 * quotes with them. Pure; one owner.
 */
public final class VenueSequences {
  /** Gaps kept for the stats. */
  public static final int RECENT_GAPS = 32;

  /** What the check of a venue number decided. */
  public enum Verdict {
    /** The next number: take it. */
    NEXT,
    /** Above the next one: take it; the ones in between are a gap. */
    AFTER_GAP,
    /** Not above the last one taken: already routed (or never to be), skip it. */
    SEEN
  }

  /** One gap: feed {@code feed} went from id {@code after} to {@code next}, missing those in between. */
  public record Gap(String feed, long after, long next, long atNanos) {
    /** Ids missing. */
    public long missing() {
      return next - after - 1;
    }
  }

  private final Map<String, long[]> last = new HashMap<>();
  private final ArrayDeque<Gap> recent = new ArrayDeque<>();
  private long gaps;
  private long missing;

  /** Checks trade id {@code id} of {@code feed}, seen at {@code nowNanos}; records a gap. */
  public Verdict trade(String feed, long id, long nowNanos) {
    long[] l = last.computeIfAbsent(feed, f -> new long[1]);
    if (id <= l[0]) {
      return Verdict.SEEN;
    }
    Verdict v = l[0] == 0 || id == l[0] + 1 ? Verdict.NEXT : Verdict.AFTER_GAP;
    if (v == Verdict.AFTER_GAP) {
      gaps++;
      missing += id - l[0] - 1;
      if (recent.size() == RECENT_GAPS) {
        recent.removeFirst();
      }
      recent.addLast(new Gap(feed, l[0], id, nowNanos));
    }
    l[0] = id;
    return v;
  }

  /**
   * Checks {@code seq} of {@code feed}, a number that only increases with no meaning in its steps (a quote
   * seq, or the trade seq of a venue without trade ids): {@link Verdict#SEEN} or {@link Verdict#NEXT}, no gaps.
   */
  public Verdict increasing(String feed, long seq) {
    long[] l = last.computeIfAbsent(feed, f -> new long[1]);
    if (seq <= l[0]) {
      return Verdict.SEEN;
    }
    l[0] = seq;
    return Verdict.NEXT;
  }

  /** The last number taken of {@code feed}, 0 if none. */
  public long last(String feed) {
    long[] l = last.get(feed);
    return l == null ? 0 : l[0];
  }

  /** The most recent gap, or null. */
  public Gap lastGap() {
    return recent.peekLast();
  }

  /** Gaps since start. */
  public long gaps() {
    return gaps;
  }

  /** Ids missed in all gaps since start. */
  public long missing() {
    return missing;
  }

  /** The recent gaps, oldest first, as {@code [{"feed","after","next","missing"}]}. */
  public JsonArray recentJson() {
    JsonArray out = new JsonArray();
    recent.forEach(g -> out.add(new JsonObject().put("feed", g.feed()).put("after", g.after()).put("next", g.next())
        .put("missing", g.missing())));
    return out;
  }
}
