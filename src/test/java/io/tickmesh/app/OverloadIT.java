package io.tickmesh.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.Http;
import io.tickmesh.testing.LoadPublisher;
import io.tickmesh.testing.NodeProcess;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Overload (issue 2, acceptance 5): a publisher writes as fast as it can for {@code it.overload.seconds}
 * (default 60) into a node whose heap is capped at 256 MiB. The node must pause the socket instead of
 * buffering: it survives, its counts add up to exactly what was written, and its log holds no
 * blocked-thread warning. The peak heap and the rate are printed as figures, not asserted.
 */
class OverloadIT {
  @Test
  void aPublisherAtFullSpeedNeitherGrowsTheHeapNorLosesTicks() throws Exception {
    long seconds = Long.getLong("it.overload.seconds", 60);
    try (NodeProcess node = NodeProcess.start(List.of("-Xmx256m", "-Xms256m"), List.of("--no-sim", "--set", "store.enabled=false")).awaitReady(Duration.ofSeconds(30))) {
      Http http = node.http();
      LoadPublisher publisher = new LoadPublisher(node.feedPort(), "load");
      Thread sender = new Thread(publisher, "load-publisher");
      long start = System.nanoTime();
      sender.start();
      long peakHeap = 0;
      long deadline = start + seconds * 1_000_000_000L;
      while (System.nanoTime() < deadline) {
        Thread.sleep(500); // sampling the node's heap while the load runs
        peakHeap = Math.max(peakHeap, http.stats().getJsonObject("jvm").getLong("heapUsedBytes"));
      }
      publisher.stop();
      sender.join(Duration.ofSeconds(120).toMillis());
      assertThat(sender.isAlive()).as("the publisher finished (the node read everything it was sent)").isFalse();
      assertThat(publisher.failure()).isNull();
      long sent = publisher.sent();
      JsonObject stats = http.awaitStats(s -> s.getLong("ticksIn") == sent && s.getLong("pendingTicks") == 0, Duration.ofSeconds(60));
      double elapsed = (System.nanoTime() - start) / 1e9;
      assertThat(stats.getLong("ticksIn")).isEqualTo(stats.getLong("ticksApplied") + stats.getLong("ticksRejected"));
      assertThat(stats.getLong("ticksRejected")).isZero();
      JsonObject jvm = stats.getJsonObject("jvm");
      System.out.printf("OVERLOAD FIGURES: %d s, %,d ticks sent and applied (%,.0f ticks/s), heap used peak sampled %,d MiB, pool peaks %,d MiB, max %,d MiB%n",
          seconds, sent, sent / elapsed, peakHeap >> 20, jvm.getLong("heapPeakBytes") >> 20, jvm.getLong("heapMaxBytes") >> 20);
      assertThat(node.terminate(Duration.ofSeconds(10))).isZero();
      assertThat(node.logText()).doesNotContain("Thread blocked").doesNotContain("has been blocked").doesNotContain("OutOfMemoryError");
    }
  }
}
