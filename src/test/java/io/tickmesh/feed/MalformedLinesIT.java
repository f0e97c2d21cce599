package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 1,000 malformed lines among 100,000 good ones on one connection: every good tick applied (the bars
 * equal the reference of the good trades), every bad line a reject with its reason, counts that add up,
 * and the node still healthy and taking ticks (issue 2, acceptance 4).
 */
class MalformedLinesIT {
  private static final int GOOD = 100_000;
  private static final int BAD_PER_KIND = 100;
  private static final long MINUTE = 60_000_000_000L;

  /** A kind of bad line, the text that must appear in its reason, and how to make one. */
  private record Kind(String name, String reasonContains, java.util.function.BiFunction<Integer, Trade, String> make) {}

  private static final List<Kind> KINDS = List.of(
      new Kind("bad JSON", "bad JSON", (i, t) -> "{\"sym\":\"AAPL\",\"ts\":"),
      new Kind("missing field", "px is required", (i, t) -> "{\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:00:00Z\",\"type\":\"trade\",\"qty\":\"5\"}"),
      new Kind("extra-long field", "longer than", (i, t) -> "{\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:00:00Z\",\"type\":\"trade\",\"px\":\"" + "1".repeat(100) + "\",\"qty\":\"5\"}"),
      new Kind("negative quantity", "qty: must be positive", (i, t) -> "{\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:00:00Z\",\"type\":\"trade\",\"px\":\"10\",\"qty\":\"-5\"}"),
      new Kind("non-numeric quantity", "qty: not a decimal", (i, t) -> "{\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:00:00Z\",\"type\":\"trade\",\"px\":\"10\",\"qty\":\"five\"}"),
      new Kind("10 KiB line", "longer than the limit", (i, t) -> "{\"sym\":\"AAPL\",\"pad\":\"" + "x".repeat(10 * 1024) + "\"}"),
      new Kind("unknown type", "type: expected 'trade' or 'quote'", (i, t) -> "{\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:00:00Z\",\"type\":\"bar\",\"px\":\"10\",\"qty\":\"5\"}"),
      new Kind("bad symbol", "sym: bad character", (i, t) -> "{\"sym\":\"AA$PL\",\"ts\":\"2026-11-23T10:00:00Z\",\"type\":\"trade\",\"px\":\"10\",\"qty\":\"5\"}"),
      new Kind("NaN", "px", (i, t) -> i % 2 == 0
          ? "{\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:00:00Z\",\"type\":\"trade\",\"px\":NaN,\"qty\":\"5\"}"
          : "{\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:00:00Z\",\"type\":\"trade\",\"px\":\"NaN\",\"qty\":\"5\"}"),
      new Kind("duplicate seq", "duplicate", (i, t) -> new Trade(t.feed(), t.seq(), t.symbol(), t.ts(), t.px().add(java.math.BigDecimal.ONE), t.qty()).line(i)));

  @Test
  void badLinesAreRejectedWithReasonsAndEveryGoodTickIsApplied() throws Exception {
    List<Trade> good = TradeDays.generate(List.of("AAPL", "MSFT", "IBM"), GOOD, TradeDays.DAY, 86_400_000_000_000L, "good", 4);
    List<String> lines = new ArrayList<>();
    Map<Integer, Kind> badAt = positions(new SplittableRandom(11));
    int kindCount = 0;
    for (int i = 0; i < good.size(); i++) {
      lines.add(good.get(i).line(i));
      Kind kind = badAt.get(i);
      if (kind != null) {
        lines.add(kind.make().apply(kindCount++, good.get(i)));
      }
    }
    try (InProcessNode node = InProcessNode.start(Map.of("bars.retain", 2_000)); FeedClient client = node.connect()) {
      client.send(lines);
      client.awaitAck("good", GOOD, Duration.ofMinutes(1));
      JsonObject stats = node.http().awaitStats(s -> s.getLong("ticksIn") == GOOD + 1_000 && s.getLong("pendingTicks") == 0, Duration.ofSeconds(30));
      assertThat(stats.getLong("ticksApplied")).isEqualTo(GOOD);
      assertThat(stats.getLong("ticksRejected")).isEqualTo(1_000L);
      assertThat(stats.getLong("ticksIn")).isEqualTo(stats.getLong("ticksApplied") + stats.getLong("ticksRejected"));

      JsonArray rejects = node.http().get("/api/v1/rejects?limit=10000").array();
      assertThat(rejects.size()).isEqualTo(1_000);
      assertThat(client.rejects()).hasSize(1_000);
      for (Kind kind : KINDS) {
        long matching = rejects.stream().map(JsonObject.class::cast).filter(r -> r.getString("reason").contains(kind.reasonContains())).count();
        assertThat(matching).as(kind.name() + " rejects").isGreaterThanOrEqualTo(BAD_PER_KIND);
      }
      rejects.forEach(r -> assertThat(((JsonObject) r).getString("raw")).isNotEmpty().hasSizeLessThanOrEqualTo(1024));

      for (String symbol : List.of("AAPL", "MSFT", "IBM")) {
        var reference = ReferenceBars.of(good, symbol, MINUTE);
        ReferenceBars.assertSame(node.http().awaitBars("/api/v1/bars/" + symbol + "?interval=1m&limit=10000", reference.size()), reference);
      }
      assertThat(node.http().get("/health/ready").status()).isEqualTo(200);
      client.send(List.of("{\"feed\":\"after\",\"seq\":1,\"sym\":\"AAPL\",\"ts\":\"2026-11-24T10:00:00Z\",\"type\":\"trade\",\"px\":\"1\",\"qty\":\"1\"}"));
      client.awaitAck("after", 1, Duration.ofSeconds(10));
    }
  }

  /** 100 distinct positions per kind among the good lines. */
  private static Map<Integer, Kind> positions(SplittableRandom random) {
    Map<Integer, Kind> at = new HashMap<>();
    for (Kind kind : KINDS) {
      for (int n = 0; n < BAD_PER_KIND; ) {
        int i = 1 + random.nextInt(GOOD - 1);
        if (at.putIfAbsent(i, kind) == null) {
          n++;
        }
      }
    }
    return at;
  }
}
