package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.NodeJs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every SockJS transport of the browser bridge, for browsers behind proxies that block WebSocket. Before,
 * only WebSocket worked: a client's POSTs ({@code xhr_send}, {@code jsonp_send}) were answered 500 ("No
 * BodyHandler"), so on any other transport a browser could receive nothing it subscribed to. Here the
 * real client (the dashboard in headless Chromium) runs on xhr-streaming and on xhr-polling, and the
 * other transports are spoken by hand, as the SockJS protocol describes them.
 */
class SockJsTransportsIT {
  private static InProcessNode node;
  private static String base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    node = InProcessNode.start(Map.of("sim.enabled", true, "sim.symbols", 6, "sim.ratePerSec", 600, "bars.graceMs", 200));
    node.http().awaitStats(s -> s.getLong("ticksApplied") > 0, Duration.ofSeconds(20));
    base = "http://127.0.0.1:" + node.http().port() + "/eventbus/000/";
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void theDashboardRunsOnXhrStreamingAndOnXhrPollingInARealBrowser() throws Exception {
    JsonArray results = new JsonArray(NodeJs.run(150, "transports-check.js",
        "http://127.0.0.1:" + node.http().port() + "/", "xhr-streaming,xhr-polling").trim());
    assertThat(results).hasSize(2);
    for (Object o : results) {
      JsonObject r = (JsonObject) o;
      assertThat(r.getJsonArray("websockets")).as(r.getString("transport") + ": no WebSocket").isEmpty();
      assertThat(r.getInteger("transportRequests")).as(r.getString("transport") + " used").isPositive();
      assertThat(r.getJsonObject("snapshot").getString("symbol")).as("a snapshot answered").isNotEmpty();
      assertThat(r.getJsonObject("counts").getInteger("liveBars")).isPositive();
      assertThat(r.getJsonArray("consoleErrors")).isEmpty();
      assertThat(r.getJsonArray("pageErrors")).isEmpty();
    }
  }

  @Test
  void xhrPollingSubscribesSendsAndReceives() throws Exception {
    String session = base + UUID.randomUUID() + "/";
    assertThat(post(session + "xhr", "", "text/plain").body()).isEqualTo("o\n");
    String symbol = node.http().get("/api/v1/symbols").array().getJsonObject(0).getString("symbol");
    HttpResponse<String> sent = post(session + "xhr_send",
        frames(new JsonObject().put("type", "register").put("address", "quotes." + symbol),
            new JsonObject().put("type", "send").put("address", "snapshot.quote").put("replyAddress", "r1")
                .put("body", new JsonObject().put("symbol", symbol))), "text/plain");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(204);
    StringBuilder received = new StringBuilder();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!(received.toString().contains("quotes." + symbol) && received.toString().contains("\\\"r1\\\""))
        && System.nanoTime() < deadline) {
      received.append(post(session + "xhr", "", "text/plain").body());
    }
    assertThat(received.toString()).contains("\\\"type\\\":\\\"rec\\\",\\\"address\\\":\\\"quotes." + symbol)
        .contains("\\\"address\\\":\\\"r1\\\"");
  }

  @Test
  void aBadFrameGetsAnErrorAnswerAndTheSessionGoesOn() throws Exception {
    String session = base + UUID.randomUUID() + "/";
    assertThat(post(session + "xhr", "", "text/plain").body()).isEqualTo("o\n");
    HttpResponse<String> sent = post(session + "xhr_send",
        frames(new JsonObject().put("type", "register").put("address", "quotes.A").put("headers", "x")), "text/plain");
    assertThat(sent.statusCode()).isEqualTo(204);
    String answer = post(session + "xhr", "", "text/plain").body();
    assertThat(answer).startsWith("a[").contains("invalid_headers");
    assertThat(post(session + "xhr_send", frames(new JsonObject().put("type", "ping")), "text/plain").statusCode())
        .as("the session goes on").isEqualTo(204);
  }

  @Test
  void jsonpSendsWithAFormBody() throws Exception {
    String session = base + UUID.randomUUID() + "/";
    String opened = http.send(HttpRequest.newBuilder(URI.create(session + "jsonp?c=cb")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(opened).contains("cb(\"o\");");
    String form = "d=" + URLEncoder.encode(frames(new JsonObject().put("type", "ping")), StandardCharsets.UTF_8);
    HttpResponse<String> sent = post(session + "jsonp_send", form, "application/x-www-form-urlencoded");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(sent.body()).isEqualTo("ok");
    HttpResponse<String> noCallback = http.send(
        HttpRequest.newBuilder(URI.create(base + UUID.randomUUID() + "/jsonp")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noCallback.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(noCallback.body()).getString("detail")).contains("parameter c");
  }

  @Test
  void htmlfileEventsourceAndXhrStreamingOpen() throws Exception {
    assertThat(streamStart("GET", base + UUID.randomUUID() + "/htmlfile?c=cb", "p(\"o\");")).contains("text/html");
    assertThat(streamStart("GET", base + UUID.randomUUID() + "/eventsource", "data: o")).contains("text/event-stream");
    assertThat(streamStart("POST", base + UUID.randomUUID() + "/xhr_streaming", "\no\n")).contains("application/javascript");
    HttpResponse<String> noCallback = http.send(
        HttpRequest.newBuilder(URI.create(base + UUID.randomUUID() + "/htmlfile")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noCallback.statusCode()).isEqualTo(400);
    assertThat(noCallback.headers().firstValue("content-type")).hasValue("application/json");
  }

  /** Reads a streaming answer until {@code expected} shows, then drops it; returns its content type. */
  private String streamStart(String method, String url, String expected) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10)).build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (InputStream in = response.body()) {
      StringBuilder text = new StringBuilder();
      byte[] buf = new byte[4096];
      while (!text.toString().contains(expected)) {
        int n = in.read(buf);
        assertThat(n).as("the stream ended before " + expected + ": " + text).isPositive();
        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      }
    }
    return response.headers().firstValue("content-type").orElse("");
  }

  /** A POST on a connection of its own: SockJS closes a polling connection after each answer. */
  private static HttpResponse<String> post(String url, String body, String contentType) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("content-type", contentType)
        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Bridge frames as a SockJS client sends them: a JSON array of JSON texts. */
  private static String frames(JsonObject... frames) {
    JsonArray array = new JsonArray();
    for (JsonObject f : frames) {
      array.add(f.encode());
    }
    return array.encode();
  }
}
