package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A generated day of trades through the real TCP feed: every closed 1-minute bar the HTTP API returns
 * equals an independent BigDecimal reference, to the last decimal (issue 2, acceptance 2).
 */
class TcpFeedBarsIT {
  private static final long MINUTE = 60_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final long DAY_NANOS = 86_400 * SECOND;

  @Test
  void aDayOf250kTradesGivesExactOneMinuteBars() throws Exception {
    List<Trade> trades = TradeDays.generate(List.of("AAPL"), 250_000, TradeDays.DAY, DAY_NANOS, "day1", 20261123);
    try (InProcessNode node = InProcessNode.start(Map.of("bars.retain", 2_000));
        FeedClient client = node.connect()) {
      List<String> lines = new ArrayList<>(trades.size());
      for (int i = 0; i < trades.size(); i++) {
        lines.add(trades.get(i).line(i));
      }
      client.send(lines);
      client.awaitAck("day1", trades.size(), Duration.ofMinutes(2));
      assertThat(client.rejects()).isEmpty();

      TreeMap<Long, ReferenceBars.Bar> minutes = ReferenceBars.of(trades, "AAPL", MINUTE);
      JsonArray bars = node.http().awaitBars("/api/v1/bars/AAPL?interval=1m&limit=10000", minutes.size());
      ReferenceBars.assertSame(bars, minutes);

      TreeMap<Long, ReferenceBars.Bar> seconds = ReferenceBars.of(trades, "AAPL", SECOND);
      TreeMap<Long, ReferenceBars.Bar> lastSeconds = new TreeMap<>(seconds.tailMap(lastKeys(seconds, 2_000)));
      ReferenceBars.assertSame(node.http().awaitBars("/api/v1/bars/AAPL?interval=1s&limit=2000", 2_000), lastSeconds);

      var stats = node.http().stats();
      assertThat(stats.getLong("ticksApplied")).isEqualTo(250_000L);
      assertThat(stats.getLong("ticksRejected")).isZero();
    }
  }

  private static long lastKeys(TreeMap<Long, ReferenceBars.Bar> bars, int n) {
    return new ArrayList<>(bars.keySet()).get(bars.size() - n);
  }
}
