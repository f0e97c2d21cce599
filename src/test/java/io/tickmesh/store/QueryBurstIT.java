package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.codec.Addresses;
import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.LongRejects;
import io.tickmesh.testing.ProbeTick;
import io.tickmesh.testing.ReadinessWatch;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, finding 4: history queries have a pool of their own with a bounded queue, so a burst of them
 * neither turns readiness 503 nor holds up the store writer (acks). The queries past the queue are
 * answered 503 busy at once, with Retry-After; a query past {@code db.queryTimeoutMs}, waiting or running,
 * is answered 503 timeout.
 */
class QueryBurstIT {
  private static final int BURST = 500;
  private static final String LARGEST = "/api/v1/rejects?limit=10000";

  @Test
  void aBurstOfHistoryQueriesKeepsTheNodeReadyAndAckingAndRefusesWhatItCannotQueue() throws Exception {
    try (InProcessNode node = InProcessNode.withStore(Files.createTempDirectory("burst"), Map.of());
        FeedClient filler = node.connect();
        FeedClient probe = node.connect()) {
      Http http = node.http();
      LongRejects.fill(filler, http, 10_000);
      ProbeTick.ackMillis(probe, 1);
      ReadinessWatch ready = new ReadinessWatch(http);
      ready.start();
      List<CompletableFuture<HttpResponse<String>>> burst;
      long ackMs;
      try {
        burst = send(http.port(), BURST);
        ackMs = ProbeTick.tryAckMillis(probe, 2);
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      } finally {
        ready.stop();
      }
      int ok = 0;
      int busy = 0;
      int timeouts = 0;
      int answerBudget = 0;
      List<String> others = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> answer : burst) {
        HttpResponse<String> r = answer.get();
        if (r.statusCode() == 200) {
          ok++;
        } else if (isRefusal(r, "busy", "db.queryQueueSize") && r.headers().firstValue("retry-after").equals(Optional.of("1"))) {
          busy++;
        } else if (isRefusal(r, "busy", "http.maxAnswerBytes") && r.headers().firstValue("retry-after").equals(Optional.of("1"))) {
          answerBudget++; // the test's client reads 6 MB answers more slowly than the node writes them
        } else if (isRefusal(r, "timeout", "db.queryTimeoutMs")) {
          timeouts++; // queued longer than the query timeout: on a slow machine, the queue's tail
        } else {
          others.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
        }
      }
      System.out.printf("QUERY BURST: %d history requests of %s: %d answered 200, %d answered 503 busy (query queue),"
              + " %d answered 503 busy (answer bytes), %d answered 503 timeout, %d answered otherwise;"
              + " a probe tick sent during the burst was acked in %d ms (-1: not within 10 s); readiness polled %d times, not ready %d times%n",
          BURST, LARGEST, ok, busy, answerBudget, timeouts, others.size(), ackMs, ready.polls(), ready.notReady().size());
      assertThat(ready.notReady()).as("readiness answers other than 200 during the burst").isEmpty();
      assertThat(ackMs).as("ms to the ack of a tick sent during the burst (-1: none within " + ProbeTick.DEADLINE + ")").isNotNegative();
      assertThat(others).as("answers other than 200, 503 busy with Retry-After, 503 timeout").isEmpty();
      assertThat(busy).as("requests past the query queue are refused at once").isGreaterThan(0);
      assertThat(ok).as("queries answered").isPositive();
      JsonObject stats = httpStats(node);
      assertThat(stats.getJsonObject("queries")).isEqualTo(new JsonObject().put("busy", busy).put("timeouts", timeouts));
      assertThat(stats.getLong("busy")).isEqualTo(answerBudget);
    }
  }

  @Test
  void aQueryPastTheQueryTimeoutIsAnswered503AndTheNodeStaysReady() throws Exception {
    try (InProcessNode node = InProcessNode.withStore(Files.createTempDirectory("slowquery"), Map.of("db.queryTimeoutMs", 500))) {
      Http http = node.http();
      PgConnectOptions where = new PgConnectOptions().setHost("127.0.0.1").setPort(node.dbPort())
          .setUser("postgres").setPassword("postgres").setDatabase("postgres");
      SqlConnection locker = PgConnection.connect(node.vertx(), where).await(10, TimeUnit.SECONDS);
      try {
        // A transaction holding the rejects table makes every read of it wait: a query that cannot end.
        Transaction tx = locker.begin().await(10, TimeUnit.SECONDS);
        var unusedLock = locker.query("lock table rejects in access exclusive mode").execute().await(10, TimeUnit.SECONDS);
        Http.Answer answer = http.get("/api/v1/rejects");
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.json().getString("error")).isEqualTo("timeout");
        assertThat(answer.json().getString("detail")).contains("db.queryTimeoutMs");
        assertThat(http.get("/health/ready").status()).isEqualTo(200);
        var unusedRollback = tx.rollback().await(10, TimeUnit.SECONDS);
      } finally {
        var unusedClose = locker.close().await(10, TimeUnit.SECONDS);
      }
      assertThat(http.get("/api/v1/rejects").status()).isEqualTo(200);
      assertThat(httpStats(node).getJsonObject("queries").getLong("timeouts")).isEqualTo(1);
    }
  }

  /** 503 with the JSON error {@code error} whose detail names the config key {@code key}. */
  private static boolean isRefusal(HttpResponse<String> r, String error, String key) {
    if (r.statusCode() != 503 || !r.body().startsWith("{")) {
      return false;
    }
    JsonObject body = new JsonObject(r.body());
    return error.equals(body.getString("error")) && body.getString("detail", "").contains(key);
  }

  /** Sends {@code count} requests for the largest answer at once, on as many connections. */
  private static List<CompletableFuture<HttpResponse<String>>> send(int port, int count) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + LARGEST)).timeout(Duration.ofMinutes(2)).build();
    // The 200s (6 MB each) are read and dropped; the refusals are kept to be checked.
    HttpResponse.BodyHandler<String> body = info -> info.statusCode() == 200
        ? HttpResponse.BodySubscribers.replacing("")
        : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    List<CompletableFuture<HttpResponse<String>>> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(client.sendAsync(request, body));
    }
    return out;
  }

  private static JsonObject httpStats(InProcessNode node) throws Exception {
    return node.vertx().eventBus().<JsonObject>request(Addresses.HTTP_STATS, new JsonObject()).await(10, TimeUnit.SECONDS).body();
  }
}
