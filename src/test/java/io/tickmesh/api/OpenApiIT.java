package io.tickmesh.api;

import static io.tickmesh.testing.DocumentedPaths.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tickmesh.testing.DocumentedPaths;
import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: {@code /openapi.yaml} describes the whole HTTP API of a real node with a store. Every path of
 * the served document is served, with answers the document describes; every route of the node's router
 * is in the document; and requests that break the document get a 400 JSON error naming the parameter.
 */
class OpenApiIT {
  /**
   * Documented paths mounted by other parts of issue 4 (metrics, dashboard): checked like the rest once
   * the router has them, not required before.
   */
  private static final Set<String> MOUNTED_ELSEWHERE = Set.of("/metrics", "/");
  /** Not HTTP operations: the SockJS event-bus bridge (its transport URLs are SockJS's). */
  private static final String BRIDGE = "/eventbus";
  /** Static files of the dashboard: the WebJars' trees (the page itself is documented as /). */
  private static final String WEBJARS = "/webjars/";

  private static InProcessNode node;
  private static Http http;
  private static JsonObject document;

  @BeforeAll
  static void startNodeWithATradeAndAQuote() throws Exception {
    node = InProcessNode.withStore(Files.createTempDirectory("openapi"), Map.of("bars.intervals", "1s,1m,5m"));
    http = node.http();
    try (FeedClient client = node.connect()) {
      client.send(List.of(
          "{\"feed\":\"o\",\"seq\":1,\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:00:01Z\",\"type\":\"trade\",\"px\":\"10.5\",\"qty\":\"3\"}",
          "{\"feed\":\"o\",\"seq\":2,\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:00:02Z\",\"type\":\"quote\",\"bid\":\"10.4\",\"bidQty\":\"5\",\"ask\":\"10.6\",\"askQty\":\"7\"}",
          "{\"feed\":\"o\",\"seq\":3,\"sym\":\"AAPL\",\"ts\":\"2026-11-23T10:00:03Z\",\"type\":\"trade\",\"px\":\"-1\",\"qty\":\"3\"}"));
      client.awaitAck("o", 3, Duration.ofSeconds(20));
    }
    Http.Answer served = http.get("/openapi.yaml");
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.contentType()).startsWith("application/yaml");
    document = DocumentedPaths.parse(served.body());
  }

  @AfterAll
  static void stopNode() throws Exception {
    node.close();
  }

  @Test
  void theServedDocumentCarriesTheNodesIntervals() throws Exception {
    JsonObject interval = document.getJsonObject("components").getJsonObject("parameters").getJsonObject("interval");
    assertThat(interval.getJsonObject("schema").getJsonArray("enum")).containsExactly("1s", "1m", "5m");
    assertThat(http.get("/api/v1/bars/AAPL?interval=5m").status()).isEqualTo(200);
  }

  @Test
  void everyDocumentedPathIsServedWithADocumentedAnswer() throws Exception {
    OpenAPIContract contract = OpenAPIContract.from(node.vertx(), ApiDocument.forValidator(document)).await(10, TimeUnit.SECONDS);
    ResponseValidator responses = ResponseValidator.create(node.vertx(), contract);
    List<String> mounted = routerPaths();
    List<String> checked = new ArrayList<>();
    for (String path : document.getJsonObject("paths").fieldNames()) {
      if (MOUNTED_ELSEWHERE.contains(path) && !mounted.contains(path)) {
        continue;
      }
      JsonObject operation = document.getJsonObject("paths").getJsonObject(path).getJsonObject("get");
      assertThat(operation).as("GET " + path).isNotNull();
      Http.Answer answer = http.get(DocumentedPaths.withExamples(document, path, operation));
      String what = "GET " + path + " -> " + answer.status() + " " + answer.body();
      assertThat(operation.getJsonObject("responses").fieldNames()).as(what).contains(String.valueOf(answer.status()));
      assertThat(answer.status()).as(what).isNotEqualTo(405);
      if (answer.status() == 404) {
        assertThat(answer.json().getString("error")).as(what).isNotBlank();
      }
      if (answer.contentType().startsWith("application/json")) {
        ValidatableResponse response = ValidatableResponse.create(answer.status(), Buffer.buffer(answer.body()), answer.contentType());
        assertThatCode(() -> responses.validate(response, operation.getString("operationId")).await(10, TimeUnit.SECONDS))
            .as(what).doesNotThrowAnyException();
      }
      checked.add(path);
    }
    assertThat(checked).contains("/api/v1/quotes/{sym}", "/api/v1/bars/{sym}", "/api/v1/trades/{sym}", "/openapi.yaml");
    assertThat(http.get("/api/v1/quotes/AAPL").json().getString("bid")).isEqualTo("10.4");
    assertThat(http.get("/api/v1/trades/AAPL").array()).hasSize(1);
  }

  @Test
  void everyRouteOfTheRouterIsInTheDocument() {
    JsonObject paths = document.getJsonObject("paths");
    assertThat(document.getJsonObject("info").getString("description")).contains("HEAD is answered wherever GET is");
    for (Route route : node.httpRoutes()) {
      String path = route.getPath();
      if (path == null || path.startsWith(BRIDGE) || path.startsWith(WEBJARS)) {
        continue; // a handler for every path (failures), the bridge, or static files
      }
      String documented = documentedForm(path);
      assertThat(paths.fieldNames()).as("route " + path).contains(documented);
      Set<HttpMethod> methods = route.methods() == null ? Set.of() : route.methods();
      for (HttpMethod method : methods) {
        // The document says once that HEAD is answered wherever GET is (HttpEdgeIT holds every path to it),
        // so a route's HEAD needs the path's GET documented, not an operation of its own.
        String documentedMethod = method.equals(HttpMethod.HEAD) ? "get" : method.name().toLowerCase(Locale.ROOT);
        assertThat(paths.getJsonObject(documented).fieldNames()).as(method + " " + path).contains(documentedMethod);
      }
    }
  }

  @Test
  void requestsThatBreakTheDocumentGet400WithAJsonErrorNamingTheParameter() throws Exception {
    Map<String, String> refused = Map.ofEntries(
        Map.entry("/api/v1/quotes/" + enc("AA PL!"), "sym"),
        Map.entry("/api/v1/bars/" + enc("A'B"), "sym"),
        Map.entry("/api/v1/trades/" + "A".repeat(33), "sym"),
        Map.entry("/api/v1/bars/AAPL?limit=0", "limit"),
        Map.entry("/api/v1/bars/AAPL?limit=100000", "limit"),
        Map.entry("/api/v1/trades/AAPL?limit=" + enc("[1"), "limit"),
        Map.entry("/api/v1/rejects?limit=" + enc("{}"), "limit"),
        Map.entry("/api/v1/bars/AAPL?from=not-a-date", "from"),
        Map.entry("/api/v1/trades/AAPL?to=2026-11-23", "to"),
        Map.entry("/api/v1/bars/AAPL?interval=7m", "interval"),
        Map.entry("/api/v1/bars/AAPL?includeOpen=" + enc("{"), "includeOpen"),
        Map.entry("/api/v1/rejects?feed=" + enc("a b"), "feed"),
        Map.entry("/api/v1/bars/AAPL?foo=bar", "foo"),
        Map.entry("/api/v1/stats?verbose=true", "verbose"),
        Map.entry("/api/v1/bars/AAPL?limit=5&limit=6", "limit"));
    for (Map.Entry<String, String> request : refused.entrySet()) {
      Http.Answer answer = http.get(request.getKey());
      String what = request.getKey() + " -> " + answer.body();
      assertThat(answer.status()).as(what).isEqualTo(400);
      assertThat(answer.contentType()).as(what).startsWith("application/json");
      JsonObject body = answer.json();
      assertThat(body.getString("error")).as(what).isNotBlank();
      assertThat(body.getString("detail")).as(what).contains(request.getValue()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void valuesTheDocumentAllowsReachTheHandlerDecodedOnce() throws Exception {
    JsonArray bars = http.get("/api/v1/bars/AAPL?interval=1s&from=2026-11-23T10:00:00%2B01:00&includeOpen=true").array();
    assertThat(bars).isNotEmpty();
    assertThat(http.get("/api/v1/bars/" + enc("BTC/USD") + "?limit=10000").array()).isEmpty();
    assertThat(http.get("/api/v1/rejects?feed=o&limit=1").array()).hasSize(1);
  }

  /** The router's paths in the document's form. */
  private static List<String> routerPaths() {
    List<String> out = new ArrayList<>();
    node.httpRoutes().forEach(r -> {
      if (r.getPath() != null) {
        out.add(documentedForm(r.getPath()));
      }
    });
    return out;
  }

  /** A vertx-web path in the document's form: {@code :sym} as {@code {sym}}. */
  private static String documentedForm(String routePath) {
    return routePath.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }
}
