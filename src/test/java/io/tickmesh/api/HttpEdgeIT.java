package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.codec.Addresses;
import io.tickmesh.testing.DocumentedPaths;
import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.LongRejects;
import io.tickmesh.testing.RawHttp;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, finding 8 (HTTP part): HEAD answers wherever GET does; the errors HTTP itself produces (414,
 * 431, a request that is not HTTP) carry the JSON error body; past {@code http.maxConnections} a new
 * connection is answered 503 with the reason and closed; a connection idle for {@code http.idleTimeoutMs}
 * is closed, also one that stopped reading its answer (whose bytes go back to the answer budget). Each
 * against a real node over real sockets.
 */
class HttpEdgeIT {
  /** Answers that change from one request to the next: their lengths are not compared. */
  private static final Set<String> CHANGING = Set.of("/api/v1/stats", "/metrics");
  private static final Duration ANSWER = Duration.ofSeconds(10);

  private static InProcessNode node;
  private static Http http;

  @BeforeAll
  static void startNode() throws Exception {
    node = InProcessNode.start(Map.of());
    http = node.http();
  }

  @AfterAll
  static void stopNode() throws Exception {
    node.close();
  }

  @Test
  void headAnswersEveryDocumentedGetWithItsStatusAndHeadersAndNoBody() throws Exception {
    JsonObject document = DocumentedPaths.parse(http.get("/openapi.yaml").body());
    List<String> paths = new ArrayList<>();
    for (String path : document.getJsonObject("paths").fieldNames()) {
      JsonObject get = document.getJsonObject("paths").getJsonObject(path).getJsonObject("get");
      if (get != null) {
        paths.add(DocumentedPaths.withExamples(document, path, get));
      }
    }
    paths.addAll(List.of("/dashboard.js", "/no/such/path", "/api/v1/bars/AAPL?limit=0"));
    for (String path : paths) {
      HttpResponse<String> get = http.send("GET", path);
      HttpResponse<String> head = http.send("HEAD", path);
      String what = "HEAD " + path + " -> " + head.statusCode() + " " + head.headers().map() + " (GET: " + get.statusCode() + ")";
      assertThat(head.statusCode()).as(what).isEqualTo(get.statusCode());
      assertThat(head.body()).as(what).isEmpty();
      assertThat(head.headers().firstValue("content-type")).as(what).isEqualTo(get.headers().firstValue("content-type"));
      assertThat(head.headers().firstValue("content-length")).as(what).isPresent();
      if (!CHANGING.contains(path)) {
        assertThat(head.headers().firstValue("content-length")).as(what).isEqualTo(get.headers().firstValue("content-length"));
      }
    }
  }

  @Test
  void errorsOfHttpItselfCarryTheJsonErrorBody() throws Exception {
    Map<String, Integer> requests = Map.of(
        "GET /api/v1/symbols?q=" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414,
        "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n", 431,
        "NOT HTTP AT ALL\r\n\r\n", 400,
        "DELETE /api/v1/symbols HTTP/1.1\r\nHost: x\r\n\r\n", 405,
        "GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    for (Map.Entry<String, Integer> request : requests.entrySet()) {
      String line = request.getKey().substring(0, Math.min(40, request.getKey().length()));
      try (RawHttp raw = RawHttp.connect(http.port())) {
        RawHttp.Answer answer = raw.send(request.getKey()).read(ANSWER);
        String what = line + "… -> " + answer.status() + " " + answer.headers() + " " + answer.body();
        assertThat(answer.status()).as(what).isEqualTo(request.getValue());
        assertThat(answer.headers().get("content-type")).as(what).startsWith("application/json");
        assertThat(answer.json().getString("error")).as(what).isNotBlank();
        assertThat(answer.json().getString("detail")).as(what).isNotBlank().doesNotContain("Exception");
      }
    }
  }

  @Test
  void aConnectionPastTheCapIsAnswered503AndClosedAndTheNextOneAfterACloseIsServed() throws Exception {
    int cap = 20;
    try (InProcessNode capped = InProcessNode.start(Map.of("http.maxConnections", cap))) {
      int port = capped.http().port();
      List<RawHttp> open = new ArrayList<>();
      try {
        for (int i = 0; i < cap; i++) {
          RawHttp client = RawHttp.connect(port);
          open.add(client);
          assertThat(client.get("/health/live", "").read(ANSWER).status()).as("connection " + (i + 1)).isEqualTo(200);
        }
        try (RawHttp extra = RawHttp.connect(port)) {
          RawHttp.Answer refused = extra.get("/health/live", "").read(ANSWER);
          assertThat(refused.status()).as(refused.body()).isEqualTo(503);
          assertThat(refused.headers().get("retry-after")).isEqualTo("1");
          assertThat(refused.json().getString("error")).isEqualTo("busy");
          assertThat(refused.json().getString("detail")).contains("connections").contains(String.valueOf(cap));
          assertThat(extra.awaitClose(ANSWER)).as("the refused connection is closed").isTrue();
        }
        open.remove(0).close();
        assertThat(servedOnANewConnection(port)).as("a new connection is served once one has closed").isTrue();
      } finally {
        for (RawHttp client : open) {
          client.close();
        }
      }
      JsonObject stats = httpStats(capped);
      assertThat(stats.getLong("refused")).isGreaterThanOrEqualTo(1);
      assertThat(stats.getInteger("maxConnections")).isEqualTo(cap);
    }
  }

  @Test
  void aConnectionIdleForTheIdleTimeoutIsClosedAlsoWhenItStopsReadingAnAnswer() throws Exception {
    try (InProcessNode idle = InProcessNode.start(Map.of("http.idleTimeoutMs", 500));
        FeedClient filler = idle.connect();
        RawHttp client = RawHttp.connect(idle.http().port())) {
      assertThat(client.get("/health/live", "").read(ANSWER).status()).isEqualTo(200);
      long start = System.nanoTime();
      assertThat(client.awaitClose(Duration.ofSeconds(10))).as("closed by the node").isTrue();
      System.out.printf("HTTP IDLE: a keep-alive connection idle after its answer was closed after %d ms (http.idleTimeoutMs=500)%n",
          (System.nanoTime() - start) / 1_000_000);

      LongRejects.fill(filler, idle.http(), 10_000); // kept in memory: the largest answer, about 9 MB
      long answerBytes = Long.parseLong(idle.http().send("HEAD", "/api/v1/rejects?limit=10000").headers()
          .firstValue("content-length").orElseThrow());
      try (RawHttp stalled = RawHttp.connect(idle.http().port(), 4096)) {
        stalled.get("/api/v1/rejects?limit=10000", "");
        // Not reading: the node's write stalls, no byte moves, and the idle timeout closes the connection.
        long deadline = System.nanoTime() + ANSWER.toNanos();
        JsonObject stats = httpStats(idle);
        long heldMax = stats.getLong("answerBytes");
        while (stats.getLong("idleClosed") < 2 || stats.getLong("answerBytes") > 0) {
          assertThat(System.nanoTime()).as("the stalled connection closed as idle: " + stats).isLessThan(deadline);
          Thread.sleep(20); // polling the node's counters
          stats = httpStats(idle);
          heldMax = Math.max(heldMax, stats.getLong("answerBytes"));
        }
        // The node held what the client did not take (the answer was stalled, not done) until the idle close
        // freed it. How much the client still reads after the close is up to the kernels' buffers.
        assertThat(heldMax).as("answer bytes the node held for the stalled client, of " + answerBytes).isPositive();
        long read = stalled.readToClose(ANSWER);
        assertThat(read).as("bytes the stalled client got (kernel buffers), of " + answerBytes).isBetween(1L, answerBytes + 1024);
      }
    }
  }

  @Test
  void aWebSocketOnTheHttpPortIsCountedUntilItCloses() throws Exception {
    long before = httpStats(node).getLong("connections");
    java.net.http.WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + http.port() + "/eventbus/websocket"), new java.net.http.WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS);
    awaitConnections(node, before + 1);
    socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    socket.abort();
    awaitConnections(node, before); // the SockJS bridge's WebSocket no longer counts once it is closed
  }

  private static void awaitConnections(InProcessNode node, long expected) throws Exception {
    long deadline = System.nanoTime() + ANSWER.toNanos();
    JsonObject stats = httpStats(node);
    while (stats.getLong("connections") != expected) {
      assertThat(System.nanoTime()).as("connections " + expected + ": " + stats).isLessThan(deadline);
      Thread.sleep(20); // polling the node's counters
      stats = httpStats(node);
    }
  }

  /** Polls with new connections until one is answered 200 (the node sees the close a moment after it). */
  private static boolean servedOnANewConnection(int port) throws Exception {
    long deadline = System.nanoTime() + ANSWER.toNanos();
    while (System.nanoTime() < deadline) {
      try (RawHttp client = RawHttp.connect(port)) {
        if (client.get("/health/live", "").read(ANSWER).status() == 200) {
          return true;
        }
      }
      Thread.sleep(20); // polling the node's view of its connections
    }
    return false;
  }

  private static JsonObject httpStats(InProcessNode node) throws Exception {
    Message<JsonObject> reply = node.vertx().eventBus().<JsonObject>request(Addresses.HTTP_STATS, new JsonObject())
        .await(10, TimeUnit.SECONDS);
    return reply.body();
  }
}
