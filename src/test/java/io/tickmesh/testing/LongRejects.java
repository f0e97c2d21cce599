package io.tickmesh.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a node with store with rejects whose raw lines are long (about 700 bytes), so that
 * {@code /api/v1/rejects?limit=10000} is one of the largest answers the API gives (about 6 MB).
 */
public final class LongRejects {
  /** The feed id of the refused lines. */
  public static final String FEED = "fill";

  private LongRejects() {}

  /**
   * Sends {@code count} refused lines (a negative price) and waits until all of them are stored: until the
   * node acknowledges the last one. An ack covers refused lines too, and is sent once the feed's position is
   * durable, which the writer stores after the rejects before it. (Not "until the newest reject is the last
   * line": the writer has two flushes in flight, so a later flush's rejects may take lower ids, and the
   * newest by id is then not the last line; CI saw it. Nor by fetching all of them: 9 MB a poll.)
   */
  public static void fill(FeedClient client, Http http, int count) throws Exception {
    String pad = "x".repeat(600);
    List<String> lines = new ArrayList<>(count);
    for (int seq = 1; seq <= count; seq++) {
      lines.add("{\"feed\":\"" + FEED + "\",\"seq\":" + seq + ",\"sym\":\"BAD\",\"ts\":\"2026-11-23T10:00:00Z\","
          + "\"type\":\"trade\",\"px\":\"-1\",\"qty\":\"1\",\"note\":\"" + pad + "\"}");
    }
    client.send(lines);
    client.awaitAck(FEED, count, Duration.ofSeconds(60));
    Http.Answer newest = http.get("/api/v1/rejects?feed=" + FEED + "&limit=1");
    if (newest.status() != 200 || newest.array().isEmpty()) {
      throw new AssertionError("the last of " + count + " rejects was acknowledged, but none is stored: " + newest.body());
    }
  }
}
