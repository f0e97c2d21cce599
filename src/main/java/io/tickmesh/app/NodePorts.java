package io.tickmesh.app;

import io.vertx.core.json.JsonObject;

/** The ports a node listens on, as written to {@code node.portsFile}. */
public record NodePorts(int http, int feed, int bridge) {
  /** {@code {"http":P,"feed":P,"bridge":P}}; the bridge only once it listens (bridge 0 = none). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("http", http).put("feed", feed);
    return bridge > 0 ? json.put("bridge", bridge) : json;
  }
}
