package io.tickmesh.api;

import io.tickmesh.obs.PrometheusText;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /metrics} families of the node's edges, from the same stats JSON as {@code /api/v1/stats}:
 * connections per port (open, the cap, refused, closed idle; {@code feed} is the TCP feed, {@code feed_ws}
 * the WebSocket feed at {@code /feed}), feed connections paused because their publisher does not read, the
 * bridges' unread bytes and their bound, subscriptions and disconnects by reason, HTTP answer bytes in
 * flight and busy answers, history queries refused or timed out, and direct memory. With them an operator sees a limit being approached before a
 * client hits it. README's "Limits" section lists every bound.
 */
final class EdgeExposition {
  private EdgeExposition() {}

  static void render(PrometheusText text, JsonObject stats) {
    Map<String, JsonObject> ports = new LinkedHashMap<>();
    JsonObject bridges = stats.getJsonObject("bridges", new JsonObject());
    JsonObject http = stats.getJsonObject("http");
    ports.put("feed", stats.getJsonObject("feedConnections", new JsonObject()));
    ports.put("feed_ws", stats.getJsonObject("feedWebSocketConnections", new JsonObject()));
    ports.put("bridge_tcp", bridgePort(bridges.getJsonObject("tcp")));
    ports.put("bridge_sockjs", bridgePort(bridges.getJsonObject("sockjs")));
    if (http != null) {
      ports.put("http", http);
    }
    perPort(text, ports, "tickmesh_connections", "gauge", "Connections open on the port.", "connections");
    perPort(text, ports, "tickmesh_connections_max", "gauge", "The cap on connections of the port (feed.maxConnections, "
        + "bridge.maxConnections, http.maxConnections).", "maxConnections");
    perPort(text, ports, "tickmesh_connections_refused_total", "counter", "Connections refused because the port was at its cap.", "refused");
    perPort(text, ports, "tickmesh_connections_idle_closed_total", "counter", "Connections closed for sending nothing for the "
        + "port's idle timeout.", "idleClosed");
    text.family("tickmesh_feed_connections_not_reading", "gauge", "Feed connections paused because their publisher does not "
        + "read the node's acks and rejects (its write queue is full).");
    for (String port : List.of("feed", "feed_ws")) {
      text.sample("tickmesh_feed_connections_not_reading", "port", port, num(ports.get(port), "pausedNotReading"));
    }
    bridges(text, bridges);
    if (http != null) {
      gauge(text, "tickmesh_http_answer_bytes", "Bytes of HTTP answers being written now, node-wide.", http.getLong("answerBytes", 0L));
      gauge(text, "tickmesh_http_answer_bytes_max", "The bound on them, http.maxAnswerBytes; past it requests get 503 busy.",
          http.getLong("maxAnswerBytes", 0L));
      counter(text, "tickmesh_http_busy_total", "Requests answered 503 busy because answers in flight were at http.maxAnswerBytes.",
          http.getLong("busy", 0L));
      JsonObject queries = http.getJsonObject("queries", new JsonObject());
      counter(text, "tickmesh_query_busy_total", "History queries answered 503 busy: db.queryQueueSize were waiting already.",
          queries.getLong("busy", 0L));
      counter(text, "tickmesh_query_timeouts_total", "History queries that ran past db.queryTimeoutMs (answered 503).",
          queries.getLong("timeouts", 0L));
    }
    long direct = stats.getJsonObject("jvm", new JsonObject()).getLong("directBytes", -1L);
    if (direct >= 0) {
      gauge(text, "tickmesh_direct_memory_bytes", "Direct (off-heap) buffer memory in use: socket buffers of every connection.", direct);
    }
  }

  /** A bridge's counters under the names the ports share. */
  private static JsonObject bridgePort(JsonObject bridge) {
    if (bridge == null) {
      return new JsonObject();
    }
    return new JsonObject().put("connections", bridge.getLong("connections", 0L)).put("maxConnections", bridge.getLong("maxConnections", 0L))
        .put("refused", bridge.getLong("refused", 0L))
        .put("idleClosed", bridge.getJsonObject("disconnects", new JsonObject()).getLong("idle", 0L));
  }

  private static void bridges(PrometheusText text, JsonObject bridges) {
    text.family("tickmesh_bridge_unread_bytes", "gauge", "Bytes the bridge's clients have not taken yet, all together.");
    bridges.forEach(e -> text.sample("tickmesh_bridge_unread_bytes", "bridge", e.getKey(), num((JsonObject) e.getValue(), "unreadBytes")));
    text.family("tickmesh_bridge_unread_bytes_max", "gauge", "The bound on them, bridge.maxTotalQueueBytes; past it the client "
        + "furthest behind is disconnected.");
    bridges.forEach(e -> text.sample("tickmesh_bridge_unread_bytes_max", "bridge", e.getKey(), num((JsonObject) e.getValue(), "maxTotalQueueBytes")));
    text.family("tickmesh_bridge_subscriptions", "gauge", "Addresses subscribed to, summed over the bridge's clients.");
    bridges.forEach(e -> text.sample("tickmesh_bridge_subscriptions", "bridge", e.getKey(), num((JsonObject) e.getValue(), "subscriptions")));
    text.family("tickmesh_bridge_disconnects_total", "counter", "Clients the node disconnected, by reason: slow (bridge.maxQueueBytes), "
        + "bridge_full (bridge.maxTotalQueueBytes), too_big (bridge.maxFrameBytes), protocol, idle, full (bridge.maxConnections), stopping.");
    bridges.forEach(e -> ((JsonObject) e.getValue()).getJsonObject("disconnects", new JsonObject()).forEach(d ->
        text.sample("tickmesh_bridge_disconnects_total", "bridge", e.getKey(), "reason", d.getKey(), String.valueOf(d.getValue()))));
  }

  private static void perPort(PrometheusText text, Map<String, JsonObject> ports, String name, String type, String help, String key) {
    text.family(name, type, help);
    ports.forEach((port, json) -> text.sample(name, "port", port, num(json, key)));
  }

  private static String num(JsonObject json, String key) {
    return String.valueOf(json.getLong(key, 0L));
  }

  private static void gauge(PrometheusText text, String name, String help, long value) {
    text.family(name, "gauge", help).sample(name, String.valueOf(value));
  }

  private static void counter(PrometheusText text, String name, String help, long value) {
    text.family(name, "counter", help).sample(name, String.valueOf(value));
  }
}
