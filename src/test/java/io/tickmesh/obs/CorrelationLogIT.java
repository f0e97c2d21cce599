package io.tickmesh.obs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.NodeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The node's log is JSON, one object per line, and with LOG_PATH=DEBUG every batch leaves a line at each
 * stage of its path (feed, shard, publish), all with the batch's correlation id, which reaches the shard
 * in the event-bus message header.
 */
class CorrelationLogIT {
  @Test
  void everyLineOfABatchsPathCarriesItsCorrelationId() throws Exception {
    try (NodeProcess node = NodeProcess.start(List.of("-DLOG_PATH=DEBUG"), List.of("--no-sim", "--set", "store.enabled=false"))
        .awaitReady(Duration.ofSeconds(30))) {
      try (FeedClient feed = new FeedClient(node.feedPort())) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
          lines.add("{\"feed\":\"c\",\"seq\":" + i + ",\"sym\":\"S" + (i % 7) + "\",\"ts\":\"2026-11-24T10:00:00." + (100 + i)
              + "Z\",\"type\":\"trade\",\"px\":\"10.5\",\"qty\":\"1\"}");
        }
        feed.send(lines);
        feed.awaitAck("c", 300, Duration.ofSeconds(20));
      }
      assertThat(node.terminate(Duration.ofSeconds(15))).isZero();

      Map<String, Set<String>> stagesByCid = new HashMap<>();
      Map<String, Long> appliedByCid = new HashMap<>();
      for (String line : node.logLines()) {
        JsonObject event = new JsonObject(line); // every line of the log is one JSON object
        assertThat(event.fieldNames()).contains("timestamp", "level", "loggerName", "formattedMessage");
        if (!"tickmesh.path".equals(event.getString("loggerName"))) {
          continue;
        }
        Map<String, Object> kv = kvp(event.getJsonArray("kvpList"));
        String cid = (String) kv.get("cid");
        assertThat(cid).as("every path line has a cid: %s", line).isNotBlank();
        stagesByCid.computeIfAbsent(cid, k -> new TreeSet<>()).add(kv.get("stage") + ":" + event.getString("formattedMessage"));
        if ("shard".equals(kv.get("stage"))) {
          appliedByCid.merge(cid, Long.parseLong(String.valueOf(kv.get("applied"))), Long::sum);
        }
      }
      assertThat(stagesByCid).isNotEmpty();
      stagesByCid.forEach((cid, stages) -> assertThat(stages).as("path of batch %s", cid).containsExactlyInAnyOrder(
          "feed:batch routed to its shard", "shard:batch applied", "publish:batch outputs published", "feed:batch answered by its shard"));
      assertThat(appliedByCid.values().stream().mapToLong(Long::longValue).sum()).as("the batches hold every tick").isEqualTo(300L);
    }
  }

  private static Map<String, Object> kvp(JsonArray list) {
    Map<String, Object> out = new HashMap<>();
    for (Object o : list) {
      ((JsonObject) o).forEach(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }
}
