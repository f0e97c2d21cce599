package io.tickmesh.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Requests (GET, HEAD...) against a node's HTTP API, as a user's curl would make them. */
public final class Http {
  /** Status, content type and body of one answer. */
  public record Answer(int status, String contentType, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray array() {
      return new JsonArray(body);
    }
  }

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance: the node speaks HTTP/1.1
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String host;
  private final int port;

  public int port() {
    return port;
  }

  public Http(int port) {
    this("127.0.0.1", port);
  }

  /** A node listening on {@code host} (a loopback address of its own, in the partition test). */
  public Http(String host, int port) {
    this.host = host;
    this.port = port;
  }

  public Answer get(String pathAndQuery) throws Exception {
    HttpResponse<String> response = send("GET", pathAndQuery);
    return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""), response.body());
  }

  /** {@code PUT pathAndQuery} with {@code body} as application/json. */
  public Answer put(String pathAndQuery, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""), response.body());
  }

  /** The whole answer to {@code method pathAndQuery} (HEAD, GET...), headers included. */
  public HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public JsonObject stats() throws Exception {
    return get("/api/v1/stats").json();
  }

  /** Polls stats until {@code done} holds, or fails after {@code timeout}. */
  public JsonObject awaitStats(Predicate<JsonObject> done, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject last = stats();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("stats did not reach the expected state in " + timeout + ": " + brief(last));
      }
      Thread.sleep(50); // polling a remote process's counters; there is nothing to wait on instead
      last = stats();
    }
    return last;
  }

  /** Polls a bars path until it returns {@code count} bars (the last ones close by the node's wall clock). */
  public JsonArray awaitBars(String path, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonArray bars = get(path).array();
    while (bars.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(100); // bars close by the node's wall clock after bars.graceMs
      bars = get(path).array();
    }
    return bars;
  }

  /**
   * Every bar of a symbol and interval, closed (from history) and still open (live from the shard), with
   * the open/closed marker removed: the content a user sees, whichever side of a close it is on.
   */
  public JsonArray allBars(String symbol, String interval) throws Exception {
    String path = "/api/v1/bars/" + symbol.replace("/", "%2F") + "?interval=" + interval + "&limit=10000&includeOpen=true";
    Answer answer = get(path);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (answer.status() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(200); // a shard moving between nodes answers 503 for a moment
      answer = get(path);
    }
    if (answer.status() != 200) {
      throw new AssertionError("GET " + path + ": " + answer.status() + " " + answer.body());
    }
    JsonArray out = new JsonArray();
    for (Object bar : answer.array()) {
      JsonObject copy = ((JsonObject) bar).copy();
      var marker = copy.remove("closed");
      out.add(copy);
    }
    return out;
  }

  public static String brief(JsonObject stats) {
    return "ticksIn=" + stats.getLong("ticksIn") + " ticksApplied=" + stats.getLong("ticksApplied")
        + " ticksRejected=" + stats.getLong("ticksRejected") + " pendingTicks=" + stats.getLong("pendingTicks");
  }
}
