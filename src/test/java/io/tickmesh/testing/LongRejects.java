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

  /** Sends {@code count} refused lines (a negative price) and waits until all of them are stored. */
  public static void fill(FeedClient client, Http http, int count) throws Exception {
    String pad = "x".repeat(600);
    List<String> lines = new ArrayList<>(count);
    for (int seq = 1; seq <= count; seq++) {
      lines.add("{\"feed\":\"" + FEED + "\",\"seq\":" + seq + ",\"sym\":\"BAD\",\"ts\":\"2026-11-23T10:00:00Z\","
          + "\"type\":\"trade\",\"px\":\"-1\",\"qty\":\"1\",\"note\":\"" + pad + "\"}");
    }
    client.send(lines);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!allStored(http, count)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the " + count + " rejects were not stored within 60 s");
      }
      Thread.sleep(250); // the writer stores rejects in the background; its table is what tells
    }
  }

  /**
   * Whether all {@code count} rejects are stored. Not "whether the newest is the last line": the writer has
   * two flushes in flight, so a later flush's rejects can take lower ids than an earlier one's, and the
   * newest by id is then not the last line sent (on a slow machine, for good: CI saw it).
   */
  private static boolean allStored(Http http, int count) throws Exception {
    Http.Answer stored = http.get("/api/v1/rejects?feed=" + FEED + "&limit=" + count);
    return stored.status() == 200 && stored.array().size() == count;
  }
}
