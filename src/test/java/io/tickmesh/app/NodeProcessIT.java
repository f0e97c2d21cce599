package io.tickmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.Http;
import io.tickmesh.testing.LoadPublisher;
import io.tickmesh.testing.NodeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fat jar run as README says: start with the simulator, refuse bad config, stop on SIGTERM. */
class NodeProcessIT {
  @Test
  void theDefaultNodeServesChangingQuotesOfSimulatedSymbols() throws Exception {
    try (NodeProcess node = NodeProcess.start(List.of(), List.of()).awaitReady(Duration.ofSeconds(30))) {
      Http http = node.http();
      assertThat(http.get("/health/ready").status()).isEqualTo(200);
      http.awaitStats(s -> s.getLong("ticksApplied") > 100, Duration.ofSeconds(20));
      JsonArray symbols = http.get("/api/v1/symbols").array();
      assertThat(symbols).isNotEmpty();
      String symbol = symbols.getJsonObject(0).getString("symbol");
      JsonObject first = http.get("/api/v1/quotes/" + symbol).json();
      JsonObject later = first;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (later.equals(first) && System.nanoTime() < deadline) {
        Thread.sleep(200); // the simulator moves each symbol several times a second
        later = http.get("/api/v1/quotes/" + symbol).json();
      }
      assertThat(later).as("quote of %s changes between calls", symbol).isNotEqualTo(first);
      assertThat(later.getString("symbol")).isEqualTo(symbol);
      assertThat(later.getString("bid")).isNotNull();
      assertThat(node.terminate(Duration.ofSeconds(10))).isZero();
    }
  }

  @Test
  void anUnknownConfigKeyFailsTheStartNamingIt() throws Exception {
    try (NodeProcess node = NodeProcess.start(List.of(), List.of("--set", "htp.port=1"))) {
      assertThat(node.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(node.logText()).contains("htp.port").doesNotContain("\tat ").doesNotContain("\"throwable\":{");
    }
  }

  @Test
  void anInvalidValueFailsTheStartNamingTheKey() throws Exception {
    try (NodeProcess node = NodeProcess.start(List.of("-Dtickmesh.shards.count=zero"), List.of())) {
      assertThat(node.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(node.logText()).contains("shards.count").contains("zero").doesNotContain("\tat ").doesNotContain("\"throwable\":{");
    }
  }

  /** Issue 2, acceptance 6: SIGTERM while ticks flow ends the process with 0 in time, nothing lost. */
  @Test
  void sigtermWhileTicksFlowDrainsEveryAcceptedTickAndExitsZero() throws Exception {
    try (NodeProcess node = NodeProcess.start(List.of(), List.of("--no-sim")).awaitReady(Duration.ofSeconds(30))) {
      LoadPublisher publisher = new LoadPublisher(node.feedPort(), "flow");
      Thread sender = new Thread(publisher, "load-publisher");
      sender.start();
      node.http().awaitStats(s -> s.getLong("ticksApplied") > 200_000, Duration.ofSeconds(30));
      long start = System.nanoTime();
      int exit = node.terminate(Duration.ofSeconds(10));
      double seconds = (System.nanoTime() - start) / 1e9;
      publisher.stop();
      sender.join(10_000);
      assertThat(exit).as("exit code after SIGTERM").isZero();
      System.out.printf("SIGTERM FIGURES: exited 0 after %.2f s with ticks flowing%n", seconds);
      Matcher counts = Pattern.compile("final counts: ticksIn=(\\d+) ticksApplied=(\\d+) ticksRejected=(\\d+)").matcher(node.logText());
      assertThat(counts.find()).as("final counts logged").isTrue();
      long in = Long.parseLong(counts.group(1));
      long applied = Long.parseLong(counts.group(2));
      long rejected = Long.parseLong(counts.group(3));
      assertThat(rejected).isZero();
      assertThat(applied).as("every tick the node read was applied").isEqualTo(in).isGreaterThan(200_000);
    }
  }
}
