package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.itch.ItchChecks;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.NodeJs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dashboard at {@code /} in a real browser (Debian's Chromium, headless, driven by playwright-core from
 * {@code src/test/js/dashboard-check.js}) while the simulator trades: quotes tick in the watchlist, the
 * chart grows with bars closed live over the bridge, the counters count, rejects sent to the feed show up,
 * a bar dropped on the way is noticed by its pubSeq gap and fetched again, a cut connection comes back by
 * itself, nothing is logged as an error, and no request leaves the node's own origin. The screenshot is
 * kept as {@code target/artifacts/dashboard.png}.
 */
class DashboardIT {
  private static final Path SCREENSHOT = Path.of("target", "artifacts", "dashboard.png").toAbsolutePath();

  @Test
  void theDashboardShowsTheLiveMarketFromTheNodeAlone() throws Exception {
    Files.deleteIfExists(SCREENSHOT);
    try (InProcessNode node = InProcessNode.start(Map.of("sim.enabled", true, "sim.symbols", 12, "sim.ratePerSec", 1500,
        "bars.intervals", "1s,1m,5m", "bars.graceMs", 200))) {
      String origin = "http://127.0.0.1:" + node.http().port();
      JsonObject got = new JsonObject(
          NodeJs.run(150, "dashboard-check.js", origin + "/", String.valueOf(node.feedPort()), SCREENSHOT.toString()).trim());

      assertThat(got.getJsonArray("consoleErrors")).as("console errors").isEmpty();
      assertThat(got.getJsonArray("pageErrors")).as("uncaught errors in the page").isEmpty();
      assertThat(got.getJsonArray("foreignRequests")).as("requests to anywhere but the node").isEmpty();
      assertThat(got.getInteger("requests")).isPositive();
      assertThat(got.getJsonArray("websockets").getList()).isNotEmpty()
          .allSatisfy(url -> assertThat((String) url).startsWith("ws://127.0.0.1:" + node.http().port() + "/eventbus/"));
      assertThat(got.getString("connection")).isEqualTo("live");

      assertThat(got.getJsonArray("quotesFirst")).hasSize(12);
      assertThat(got.getJsonArray("quotesLater")).as("a last price in the watchlist changed")
          .isNotEqualTo(got.getJsonArray("quotesFirst"));
      assertThat(got.getInteger("candlesLater")).as("candles on the chart").isGreaterThan(got.getInteger("candlesFirst"));
      JsonObject counts = got.getJsonObject("counts");
      assertThat(counts.getInteger("liveBars")).as("bars closed live over the bridge").isGreaterThanOrEqualTo(3);
      assertThat(counts.getInteger("liveTrades")).isPositive();
      assertThat(counts.getString("lastBridgeError")).isEmpty();

      JsonObject counters = got.getJsonObject("counters");
      assertThat(counters.getLong("k-in")).isPositive();
      assertThat(counters.getLong("k-applied")).isPositive();
      assertThat(counters.getLong("k-bars")).isPositive();
      assertThat(counters.getLong("k-rejected")).isEqualTo(2);
      assertThat(got.getJsonArray("feedRows").getList()).contains("dash-check").hasSize(2);
      assertThat(got.getInteger("shardTiles")).isEqualTo(64);
      assertThat(got.getInteger("salesRows")).isPositive();

      assertThat(got.getJsonObject("afterGap").getInteger("gaps")).as("the dropped bar seen as a pubSeq gap").isEqualTo(1);
      assertThat(got.getBoolean("droppedBarDrawnClosed")).as("the dropped bar drawn, closed, after the history reload").isTrue();
      assertThat(got.getJsonObject("reconnected").getInteger("reconnects")).isEqualTo(1);
      assertThat(got.getJsonArray("websockets")).as("a second connection after the cut").hasSizeGreaterThanOrEqualTo(2);

      JsonArray rejects = got.getJsonArray("rejectRows");
      assertThat(rejects.getList()).as("rejects sent after the page was live")
          .anySatisfy(row -> assertThat((String) row).contains("dash-check", "px: not a decimal"))
          .anySatisfy(row -> assertThat((String) row).contains("dash-check", "bad JSON"));
    }
    assertThat(SCREENSHOT).isNotEmptyFile();
  }

  /**
   * Issue 9, acceptance 5: a node reading the ITCH fixture day slowly (300 messages a second, so books
   * change while the page watches); the page charts BOB, its ladder shows the book fetched once, then
   * changes with the {@code book.BOB} messages of the bridge and no other fetch; the ladder of the symbol
   * charted before is unsubscribed. The screenshot is kept as {@code target/artifacts/dashboard-book.png}.
   */
  @Test
  void theDepthLadderOfAnItchSymbolUpdatesLiveOverTheBridge() throws Exception {
    Path screenshot = Path.of("target", "artifacts", "dashboard-book.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    // 100 messages a second: the day's 12,012 messages last two minutes, longer than a loaded machine
    // takes to start the browser and chart the symbol (at 300 a second the day was over before, once)
    try (InProcessNode node = InProcessNode.start(Map.of("itch.file", ItchChecks.DAY.toString(), "itch.ratePerSec", 100))) {
      String origin = "http://127.0.0.1:" + node.http().port();
      JsonObject got = new JsonObject(NodeJs.run(150, "dashboard-book-check.js", origin + "/", "BOB", screenshot.toString()).trim());

      // The symbol charted first may have no book yet (the day is read slowly): its fetch is a 404, as
      // documented, and Chromium logs each answer of 404 as a console error. Nothing else may fail.
      List<String> notFound = got.getJsonArray("errorResponses").stream().map(String.class::cast).toList();
      assertThat(notFound).as("answers of 400 and above").allSatisfy(r -> assertThat(r).startsWith("404 ")
          .contains("/api/v1/book/").doesNotContain("/api/v1/book/BOB?"));
      assertThat(got.getJsonArray("consoleErrors").getList()).as("console errors: one per such 404, nothing else")
          .hasSize(notFound.size())
          .allSatisfy(e -> assertThat((String) e).contains("status of 404"));
      assertThat(got.getJsonArray("pageErrors")).as("uncaught errors in the page").isEmpty();
      assertThat(got.getJsonArray("foreignRequests")).as("requests to anywhere but the node").isEmpty();
      assertThat(got.getJsonArray("headers").getList()).containsExactly("orders", "size", "bid", "ask", "size", "orders");
      assertThat(got.getJsonArray("rowsFirst").getList()).as("levels of the fetched book").isNotEmpty().hasSizeLessThanOrEqualTo(10);
      assertThat(got.getJsonArray("rowsLater")).as("the ladder changed").isNotEqualTo(got.getJsonArray("rowsFirst"));
      JsonObject first = got.getJsonObject("ladderFirst");
      JsonObject later = got.getJsonObject("ladderLater");
      assertThat(later.getInteger("messages")).as("book.BOB messages taken").isPositive();
      assertThat(later.getJsonObject("shown").getLong("seq")).as("the ITCH message the ladder shows the book after")
          .isGreaterThan(first.getJsonObject("shown").getLong("seq"));
      assertThat(got.getJsonObject("bookFetches").getInteger("BOB")).as("the book fetched once, then live").isEqualTo(1);
      assertThat(later.getInteger("fetches")).isEqualTo(first.getInteger("fetches"));
      assertThat(later.getJsonArray("subscribed").getList()).as("only the charted symbol's book").containsExactly("book.BOB");
      assertThat(got.getString("hint")).contains("live over book.BOB");
    }
    assertThat(screenshot).isNotEmptyFile();
  }

  @Test
  void theBundledBridgeClientIsTheNpmPackagesFile() throws Exception {
    NodeJs.ensureModules();
    Path npm = NodeJs.DIR.resolve("node_modules/@vertx/eventbus-bridge-client.js/vertx-eventbus.js");
    Path bundled = Path.of("src/main/resources/webroot/vendor/vertx-eventbus.js");
    assertThat(Files.readString(bundled)).isEqualTo(Files.readString(npm));
  }
}
