package io.tickmesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.Dirs;
import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.NodeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code query} and {@code tail} from the jar against a node with a store, as README shows them. */
class QueryTailIT {
  private static final String TRADE =
      "{\"feed\":\"q\",\"seq\":%d,\"sym\":\"QT\",\"ts\":\"2026-11-24T14:30:0%dZ\",\"type\":\"trade\",\"px\":\"10.5\",\"qty\":\"2\"}";

  @Test
  void queryAndTailAnswerAsDocumented() throws Exception {
    Path dir = Files.createTempDirectory("query-tail");
    try (InProcessNode node = InProcessNode.withStore(dir.resolve("pg"), Map.of())) {
      String http = "127.0.0.1:" + node.http().port();
      String bridge = "127.0.0.1:" + node.bridgePort();
      Process tail = start(List.of("tail", "trades.QT", "--count", "1", "--bridge", bridge));
      node.http().awaitStats(s -> s.getJsonObject("bridges").getJsonObject("tcp").getLong("subscriptions") == 1,
          Duration.ofSeconds(30)); // the subscription is made before the trade arrives
      try (FeedClient feed = node.connect()) {
        feed.send(List.of(String.format(TRADE, 1, 1), "{\"feed\":\"q\",\"seq\":2,\"sym\":\"QT\",\"type\":\"trade\"}"));
        feed.awaitAck("q", 2, Duration.ofSeconds(30));
      }
      assertThat(tail.waitFor(30, TimeUnit.SECONDS)).as("tail printed its one message").isTrue();
      String tailed = new String(tail.getInputStream().readAllBytes()).strip();
      assertThat(new JsonObject(tailed).getString("px")).isEqualTo("10.5");

      assertThat(new JsonObject(run("query", "quote", "QT", "--http", http).output()).getString("last")).isEqualTo("10.5");
      assertThat(new JsonArray(run("query", "trades", "QT", "--http", http).output())).hasSize(1);
      assertThat(new JsonArray(run("query", "bars", "QT", "--interval", "1m", "--include-open", "--http", http).output())).hasSize(1);
      assertThat(awaitRows("query", "rejects", "--feed", "q", "--http", http)).hasSize(1);
      JsonArray feeds = awaitRows("query", "feeds", "--http", http);
      assertThat(feeds.getJsonObject(0).getString("feed")).isEqualTo("q");

      Result badFile = run("tail", "--addresses-from", dir.resolve("missing.txt").toString(), "--bridge", bridge);
      assertThat(badFile.exit()).isEqualTo(2);
      assertThat(badFile.output()).contains("cannot read --addresses-from");
      Result badWhat = run("query", "everything", "--http", http);
      assertThat(badWhat.exit()).isEqualTo(2);
      assertThat(badWhat.output()).contains("feeds");
    }
    Dirs.deleteTree(dir);
  }

  /** Rejects and feed positions reach PostgreSQL a moment after the ack: asks until there are rows. */
  private static JsonArray awaitRows(String... args) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    JsonArray rows = new JsonArray(run(args).output());
    while (rows.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      rows = new JsonArray(run(args).output());
    }
    return rows;
  }

  private record Result(int exit, String output) {}

  private static Process start(List<String> args) throws Exception {
    return new ProcessBuilder(NodeProcess.command(args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static Result run(String... args) throws Exception {
    Process p = new ProcessBuilder(NodeProcess.command(List.of(args))).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("command finished").isTrue();
    return new Result(p.exitValue(), new String(out).strip());
  }
}
