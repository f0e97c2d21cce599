package io.tickmesh.obs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/**
 * A histogram of latencies in fixed buckets of long counts: no floating point, and two histograms add up
 * exactly. A shard records into its own; the stats collector adds the shards' copies (sent as JSON in
 * their stats replies) into a fresh one per request.
 *
 * <p>Threading: not thread-safe; owned by one context, or local to one request.
 */
public final class LatencyHistogram {
  /** Upper bounds of the buckets in nanoseconds, ascending; a last bucket counts everything above. */
  private static final long[] BOUNDS_NANOS = {
    100_000L, 250_000L, 500_000L,
    1_000_000L, 2_500_000L, 5_000_000L,
    10_000_000L, 25_000_000L, 50_000_000L,
    100_000_000L, 250_000_000L, 500_000_000L,
    1_000_000_000L, 2_500_000_000L, 5_000_000_000L, 10_000_000_000L,
  };

  private final long[] counts = new long[BOUNDS_NANOS.length + 1];
  private long count;
  private long sumNanos;

  /** Records {@code times} observations of {@code nanos} each (a negative latency, from a clock step, counts as 0). */
  public void record(long nanos, long times) {
    long value = Math.max(0, nanos);
    int i = 0;
    while (i < BOUNDS_NANOS.length && value > BOUNDS_NANOS[i]) {
      i++;
    }
    counts[i] += times;
    count += times;
    sumNanos += value * times;
  }

  /** Adds a histogram sent as {@link #toJson()}; null adds nothing. */
  public void add(JsonObject other) {
    if (other == null) {
      return;
    }
    JsonArray otherCounts = other.getJsonArray("counts");
    for (int i = 0; i < counts.length; i++) {
      counts[i] += otherCounts.getLong(i);
    }
    count += other.getLong("count");
    sumNanos += other.getLong("sumNanos");
  }

  /** Number of observations. */
  public long count() {
    return count;
  }

  /** Sum of all observations, in nanoseconds. */
  public long sumNanos() {
    return sumNanos;
  }

  /** Number of finite buckets; bucket {@code finiteBuckets()} is the one above the last bound. */
  public static int finiteBuckets() {
    return BOUNDS_NANOS.length;
  }

  /** Upper bound of finite bucket {@code i}, in nanoseconds. */
  public static long boundNanos(int i) {
    return BOUNDS_NANOS[i];
  }

  /** Observations at or below the bound of bucket {@code i} (all of them for the last bucket). */
  public long cumulative(int i) {
    long sum = 0;
    for (int k = 0; k <= i; k++) {
      sum += counts[k];
    }
    return sum;
  }

  /**
   * An estimate of quantile {@code permille}/1000 in nanoseconds, interpolated linearly inside the bucket
   * that holds it, as Prometheus' {@code histogram_quantile} does; beyond the last bound, the last bound.
   * 0 when nothing was recorded.
   */
  public long quantileNanos(int permille) {
    if (count == 0) {
      return 0;
    }
    long rankMilli = Math.multiplyExact(count, (long) permille); // the rank, in thousandths of an observation
    long below = 0;
    for (int i = 0; i < BOUNDS_NANOS.length; i++) {
      long upTo = below + counts[i];
      if (Math.multiplyExact(upTo, 1000L) >= rankMilli && counts[i] > 0) {
        long lower = i == 0 ? 0 : BOUNDS_NANOS[i - 1];
        long width = BOUNDS_NANOS[i] - lower;
        long into = rankMilli - below * 1000;
        return lower + BigInteger.valueOf(width).multiply(BigInteger.valueOf(into))
            .divide(BigInteger.valueOf(counts[i]).multiply(BigInteger.valueOf(1000))).longValueExact();
      }
      below = upTo;
    }
    return BOUNDS_NANOS[BOUNDS_NANOS.length - 1];
  }

  /**
   * The summary of {@code /api/v1/stats}: count, sum, p50 and p99 estimates in microseconds, and the
   * cumulative bucket counts keyed by their upper bound in seconds, as {@code le} labels in /metrics.
   */
  public JsonObject summaryJson() {
    JsonObject buckets = new JsonObject();
    for (int i = 0; i <= BOUNDS_NANOS.length; i++) {
      buckets.put(upperBoundSeconds(i), cumulative(i));
    }
    return new JsonObject()
        .put("count", count)
        .put("sumMicros", sumNanos / 1_000)
        .put("p50Micros", quantileNanos(500) / 1_000)
        .put("p99Micros", quantileNanos(990) / 1_000)
        .put("buckets", buckets);
  }

  /** Upper bound of bucket {@code i} in seconds as Prometheus writes it ({@code 0.0025}, {@code 1}), or {@code +Inf}. */
  public static String upperBoundSeconds(int i) {
    return i == BOUNDS_NANOS.length ? "+Inf" : Seconds.ofNanos(BOUNDS_NANOS[i]);
  }

  /** The shard-to-collector form: {@code {"count","sumNanos","counts":[per bucket, not cumulative]}}. */
  public JsonObject toJson() {
    JsonArray perBucket = new JsonArray();
    for (long c : counts) {
      perBucket.add(c);
    }
    return new JsonObject().put("count", count).put("sumNanos", sumNanos).put("counts", perBucket);
  }
}
