package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 4: hostile parameters (SQL in a symbol, huge limits, bad dates) get a 400 with a
 * JSON body, or an empty answer, and change nothing: the history reads the same before and after.
 */
class HostileParamsIT {
  @Test
  void hostileParametersGet400sOrEmptyAnswersAndChangeNothing() throws Exception {
    try (InProcessNode node = InProcessNode.withStore(Files.createTempDirectory("hostile"), Map.of("bars.graceMs", 100));
        FeedClient client = node.connect()) {
      client.send(List.of(
          "{\"feed\":\"h\",\"seq\":1,\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:00:59.9Z\",\"type\":\"trade\",\"px\":\"10\",\"qty\":\"1\"}",
          "{\"feed\":\"h\",\"seq\":2,\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:01:59.95Z\",\"type\":\"trade\",\"px\":\"11\",\"qty\":\"2\"}",
          "{\"feed\":\"h\",\"seq\":3,\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:01:00Z\",\"type\":\"trade\",\"px\":\"-1\",\"qty\":\"2\"}"));
      client.awaitAck("h", 3, Duration.ofSeconds(20));
      Http http = node.http();
      JsonArray bars = http.awaitBars("/api/v1/bars/AAPL?interval=1m", 2);
      JsonArray trades = http.get("/api/v1/trades/AAPL").array();
      JsonArray rejects = http.get("/api/v1/rejects").array();
      assertThat(trades).hasSize(2);
      assertThat(rejects).hasSize(1);

      String injection = enc("'; drop table bars; --");
      for (String path : List.of(
          "/api/v1/bars/" + injection,
          "/api/v1/trades/" + injection,
          "/api/v1/quotes/" + injection,
          "/api/v1/bars/AAPL?interval=" + injection,
          "/api/v1/bars/AAPL?limit=100000000000000000000",
          "/api/v1/bars/AAPL?limit=10001",
          "/api/v1/bars/AAPL?limit=0",
          "/api/v1/bars/AAPL?limit=-5",
          "/api/v1/trades/AAPL?limit=99999999",
          "/api/v1/rejects?limit=1e9",
          "/api/v1/rejects?feed=" + enc("h' or '1'='1"),
          "/api/v1/bars/AAPL?from=2026-13-45T00:00:00Z",
          "/api/v1/bars/AAPL?from=yesterday",
          "/api/v1/trades/AAPL?to=" + enc("2026-11-23T10:00:00Z; delete from trades"),
          "/api/v1/bars/AAPL?from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z",
          "/api/v1/bars/AAPL?interval=1m&interval=1s",
          "/api/v1/bars/AAPL?includeOpen=" + enc("1; drop table trades"),
          "/api/v1/bars/AAPL?foo=bar",
          "/api/v1/bars/" + "A".repeat(33))) {
        Http.Answer answer = http.get(path);
        assertThat(answer.status()).as(path).isEqualTo(400);
        JsonObject body = answer.json();
        assertThat(body.getString("error")).as(path).isNotBlank();
        assertThat(body.getString("detail")).as(path).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
      }
      assertThat(http.get("/api/v1/bars/" + enc("A'B")).status()).isEqualTo(400);
      assertThat(http.get("/api/v1/bars/ZZZZ").array()).isEmpty();
      assertThat(http.get("/api/v1/trades/ZZZZ").array()).isEmpty();
      assertThat(http.get("/api/v1/rejects?feed=nosuchfeed").array()).isEmpty();
      assertThat(http.get("/api/v1/bars/AAPL?from=1990-01-01T00:00:00Z&to=1990-01-02T00:00:00Z").array()).isEmpty();

      assertThat(http.get("/api/v1/bars/AAPL?interval=1m").array()).isEqualTo(bars);
      assertThat(http.get("/api/v1/trades/AAPL").array()).isEqualTo(trades);
      assertThat(http.get("/api/v1/rejects").array()).isEqualTo(rejects);
    }
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
