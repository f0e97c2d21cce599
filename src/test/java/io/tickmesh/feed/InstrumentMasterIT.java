package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.tickmesh.feed.itch.ItchChecks;
import io.tickmesh.feed.itch.ItchReference;
import io.tickmesh.testing.Dirs;
import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.LogCapture;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, acceptance 4: with {@code feed.requireKnownInstrument}, a tick of a symbol the instrument master
 * does not hold, or at a price off its tick size, is refused with the reason; a {@code PUT} makes the next
 * tick pass without a restart; the ITCH session's own directory makes its instruments known (and lands in
 * the master and PostgreSQL); the check blocks nothing under load; and the master outlives a restart.
 */
class InstrumentMasterIT {
  private static final Map<String, Object> REQUIRED = Map.of("feed.requireKnownInstrument", true, "itch.file", ItchChecks.DAY.toString());

  @Test
  void unknownAndOffTickTicksAreRefusedUntilAPutDefinesThem() throws Exception {
    ItchReference ref = ItchReference.of(ItchChecks.DAY);
    Path data = Files.createTempDirectory("instruments");
    try (LogCapture log = new LogCapture()) {
      try (InProcessNode node = InProcessNode.withStore(data.resolve("pg"), REQUIRED); FeedClient feed = node.connect()) {
        Http http = node.http();
        // the ITCH session lists ALC, BOB and CHAR itself: every trade of the day passes
        JsonObject itch = ItchChecks.awaitEnded(http, Duration.ofMinutes(2));
        assertThat(itch.getLong("trades")).isEqualTo(ref.trades.size());
        assertThat(itch.getLong("ticksRejected")).isEqualTo(ref.unknownOrders.size());
        JsonObject alc = http.get("/api/v1/instruments/ALC").json();
        assertThat(alc.getString("source")).isEqualTo("itch:ex20101224");
        assertThat(alc.getJsonObject("attributes").getMap()).containsEntry("marketCategory", "N").containsEntry("roundLotSize", "100")
            .containsEntry("tradingState", "T").containsEntry("financialStatus", "N");
        assertThat(http.get("/api/v1/instruments/XYZ").status()).isEqualTo(404);

        feed.send(List.of(trade(1, "XYZ", "10.01")));
        feed.awaitAck("im", 1, Duration.ofSeconds(10));
        assertThat(reasons(feed)).singleElement().asString().contains("unknown instrument XYZ");

        Http.Answer created = http.put("/api/v1/instruments/XYZ", "{\"tickSize\":\"0.01\",\"attributes\":{\"name\":\"Xyz Corp\"}}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().getLong("version")).isEqualTo(1L);
        feed.send(List.of(trade(2, "XYZ", "10.005"), trade(3, "XYZ", "10.02"), quote(4, "XYZ", "10.01", "10.035")));
        feed.awaitAck("im", 4, Duration.ofSeconds(10));
        assertThat(reasons(feed)).hasSize(3);
        assertThat(reasons(feed).get(1)).contains("price 10.005 of XYZ is not a multiple of its tick size 0.01");
        assertThat(reasons(feed).get(2)).contains("ask 10.035 of XYZ is not a multiple of its tick size 0.01");
        assertThat(http.get("/api/v1/quotes/XYZ").json().getString("last")).isEqualTo("10.02");

        // a PUT may be repeated; a change needs the version it changes
        assertThat(http.put("/api/v1/instruments/XYZ", "{\"tickSize\":\"0.01\",\"attributes\":{\"name\":\"Xyz Corp\"}}").json()
            .getLong("version")).isEqualTo(1L);
        Http.Answer blind = http.put("/api/v1/instruments/XYZ", "{\"tickSize\":\"0.005\"}");
        assertThat(blind.status()).isEqualTo(409);
        assertThat(blind.json().getString("detail")).contains("version 1");
        assertThat(http.put("/api/v1/instruments/XYZ", "{\"tickSize\":\"0.005\",\"version\":1}").json().getLong("version")).isEqualTo(2L);
        feed.send(List.of(trade(5, "XYZ", "10.005")));
        feed.awaitAck("im", 5, Duration.ofSeconds(10));
        assertThat(reasons(feed)).hasSize(3);
        assertThat(http.get("/api/v1/quotes/XYZ").json().getString("last")).isEqualTo("10.005");

        for (String bad : List.of("{\"tickSize\":\"-1\"}", "{\"tickSize\":0.01}", "{\"colour\":\"red\"}", "{\"symbol\":\"ABC\"}", "[1]", "not json",
            "{\"attributes\":{\"a\":1}}", "{\"version\":-1}")) {
          Http.Answer refused = http.put("/api/v1/instruments/NEW", bad);
          assertThat(refused.status()).as(bad).isEqualTo(400);
          assertThat(refused.json().getString("detail")).as(bad).isNotBlank();
        }
        assertThat(http.get("/api/v1/instruments/NEW").status()).isEqualTo(404);
        assertThat(http.put("/api/v1/instruments/NEW", "{\"tickSize\":\"0.01\",\"version\":3}").status())
            .as("a change of an instrument that is not there").isEqualTo(409);

        // under load the check waits for nothing: 50,000 ticks, half of an unknown symbol
        List<String> load = new ArrayList<>();
        for (int i = 6; i < 50_006; i++) {
          load.add(trade(i, i % 2 == 0 ? "XYZ" : "NOPE", "10.01"));
        }
        feed.send(load);
        feed.awaitAck("im", 50_005, Duration.ofSeconds(60));
        assertThat(reasons(feed)).hasSize(3 + 25_000);
        JsonObject stats = http.stats();
        assertThat(stats.getLong("ticksIn")).isEqualTo(stats.getLong("ticksApplied") + stats.getLong("ticksRejected"));
      }
      // stored: a restarted node knows what the master held
      try (InProcessNode node = InProcessNode.withStore(data.resolve("pg"), Map.of("feed.requireKnownInstrument", true))) {
        JsonObject xyz = node.http().get("/api/v1/instruments/XYZ").json();
        assertThat(xyz.getString("tickSize")).isEqualTo("0.005");
        assertThat(xyz.getLong("version")).isEqualTo(2L);
        assertThat(xyz.getJsonObject("attributes").getMap()).isEmpty();
        assertThat(node.http().get("/api/v1/instruments/CHAR").json().getString("source")).isEqualTo("itch:ex20101224");
      }
      assertThat(LogCapture.show(log.atLeast(Level.WARN))).doesNotContain("blocked");
    }
    Dirs.deleteTree(data);
  }

  private static String trade(long seq, String symbol, String px) {
    return "{\"feed\":\"im\",\"seq\":" + seq + ",\"sym\":\"" + symbol + "\",\"ts\":\"2026-11-24T10:00:00Z\",\"type\":\"trade\",\"px\":\"" + px
        + "\",\"qty\":\"1\"}";
  }

  private static String quote(long seq, String symbol, String bid, String ask) {
    return "{\"feed\":\"im\",\"seq\":" + seq + ",\"sym\":\"" + symbol + "\",\"ts\":\"2026-11-24T10:00:00Z\",\"type\":\"quote\",\"bid\":\"" + bid
        + "\",\"bidQty\":\"1\",\"ask\":\"" + ask + "\",\"askQty\":\"1\"}";
  }

  private static List<String> reasons(FeedClient feed) {
    return feed.rejects().stream().map(r -> r.getString("reason")).toList();
  }
}
