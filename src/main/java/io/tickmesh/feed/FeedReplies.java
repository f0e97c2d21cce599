package io.tickmesh.feed;

import io.tickmesh.model.Reject;
import io.vertx.core.json.JsonObject;

/**
 * The replies a feed connection sends its publisher, one JSON object each (a line on TCP, a text message
 * on a WebSocket): acknowledgements, rejects, and the error that says why the node ends a connection.
 */
final class FeedReplies {
  private FeedReplies() {}

  /** {@code {"ack":{"feed":F,"seq":N}}}; feed ids are validated (no character JSON would escape). */
  static String ack(String feed, long seq) {
    return "{\"ack\":{\"feed\":\"" + feed + "\",\"seq\":" + seq + "}}";
  }

  /** {@code {"reject":{"feed","seq","line","reason"}}}; seq and line only when known. */
  static String reject(Reject r) {
    JsonObject body = new JsonObject().put("feed", r.feed());
    if (r.seq() > 0) {
      body.put("seq", r.seq());
    }
    if (r.line() > 0) {
      body.put("line", r.line());
    }
    body.put("reason", r.reason());
    return new JsonObject().put("reject", body).encode();
  }

  /** {@code {"error":reason}}. */
  static String error(String reason) {
    return new JsonObject().put("error", reason).encode();
  }
}
