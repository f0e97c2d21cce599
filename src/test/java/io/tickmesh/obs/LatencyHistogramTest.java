package io.tickmesh.obs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  private static final long MS = 1_000_000L;

  @Test
  void countsEachObservationInTheFirstBucketThatHoldsIt() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(100_000, 1); // exactly on the first bound: le is inclusive
    h.record(100_001, 2);
    h.record(20_000 * MS, 3); // above the last bound
    h.record(-5, 1); // a clock step back counts as 0
    assertThat(h.count()).isEqualTo(7);
    assertThat(h.sumNanos()).isEqualTo(100_000 + 2 * 100_001 + 3 * 20_000 * MS);
    assertThat(h.cumulative(0)).isEqualTo(2);
    assertThat(h.cumulative(1)).isEqualTo(4);
    assertThat(h.cumulative(LatencyHistogram.finiteBuckets() - 1)).isEqualTo(4);
    assertThat(h.cumulative(LatencyHistogram.finiteBuckets())).isEqualTo(7);
  }

  @Test
  void histogramsSentAsJsonAddUpExactly() {
    LatencyHistogram a = new LatencyHistogram();
    a.record(3 * MS, 10);
    LatencyHistogram b = new LatencyHistogram();
    b.record(3 * MS, 5);
    b.record(700 * MS, 1);
    LatencyHistogram total = new LatencyHistogram();
    total.add(new JsonObject(a.toJson().encode()));
    total.add(b.toJson());
    total.add(null);
    LatencyHistogram direct = new LatencyHistogram();
    direct.record(3 * MS, 15);
    direct.record(700 * MS, 1);
    assertThat(total.toJson()).isEqualTo(direct.toJson());
  }

  @Test
  void quantilesInterpolateInsideTheirBucketLikeHistogramQuantile() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.quantileNanos(500)).isZero();
    h.record(2 * MS, 100); // all in (1 ms, 2.5 ms]
    assertThat(h.quantileNanos(500)).isEqualTo(1_750_000); // halfway through the bucket
    assertThat(h.quantileNanos(990)).isEqualTo(2_485_000);
    h.record(60_000 * MS, 1000); // most now beyond the last bound: capped at it
    assertThat(h.quantileNanos(990)).isEqualTo(10_000 * MS);
  }

  @Test
  void summaryHasCumulativeBucketsKeyedBySeconds() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(3 * MS, 4);
    JsonObject summary = h.summaryJson();
    assertThat(summary.getLong("count")).isEqualTo(4);
    assertThat(summary.getLong("sumMicros")).isEqualTo(12_000);
    JsonObject buckets = summary.getJsonObject("buckets");
    assertThat(buckets.fieldNames()).startsWith("0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005").endsWith("10", "+Inf");
    assertThat(buckets.getLong("0.0025")).isZero();
    assertThat(buckets.getLong("0.005")).isEqualTo(4);
    assertThat(buckets.getLong("+Inf")).isEqualTo(4);
  }
}
