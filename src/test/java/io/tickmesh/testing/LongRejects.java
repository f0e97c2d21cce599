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

  /** Sends {@code count} refused lines (a negative price) and waits until the last one is stored. */
  public static void fill(FeedClient client, Http http, int count) throws Exception {
    String pad = "x".repeat(600);
    List<String> lines = new ArrayList<>(count);
    for (int seq = 1; seq <= count; seq++) {
      lines.add("{\"feed\":\"" + FEED + "\",\"seq\":" + seq + ",\"sym\":\"BAD\",\"ts\":\"2026-11-23T10:00:00Z\","
          + "\"type\":\"trade\",\"px\":\"-1\",\"qty\":\"1\",\"note\":\"" + pad + "\"}");
    }
    client.send(lines);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!lastStored(http, count)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the " + count + " rejects were not stored within 60 s");
      }
      Thread.sleep(100); // the writer stores rejects in the background; its table is what tells
    }
  }

  private static boolean lastStored(Http http, int count) throws Exception {
    Http.Answer newest = http.get("/api/v1/rejects?feed=" + FEED + "&limit=1");
    return newest.status() == 200 && !newest.array().isEmpty() && newest.array().getJsonObject(0).getLong("line") == count;
  }
}
