package io.tickmesh.app;

import io.vertx.core.json.JsonObject;

/**
 * The ports a node listens on, as written to {@code node.portsFile}; 0 means none (the database when
 * it is not the embedded one).
 */
public record NodePorts(int http, int feed, int bridge, int db) {
  /** {@code {"http":P,"feed":P,"bridge":P,"db":P}}, leaving out what is 0. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("http", http).put("feed", feed);
    if (bridge > 0) {
      json.put("bridge", bridge);
    }
    return db > 0 ? json.put("db", db) : json;
  }
}
