package io.tickmesh.api.bridge;

import io.tickmesh.model.Utf8;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One frame a bridge client sent, as its transport cut it out, read strictly: a JSON object in UTF-8
 * whose {@code type} (missing or not a string: empty), {@code address} (a string or missing) and
 * {@code headers} (an object or missing) are what a session dispatches on; or, for a frame that is not,
 * the refusal the client is told. Pure.
 */
record ClientFrame(String type, String address, JsonObject msg, String refusal) {
  /** Reads {@code json}; never throws. */
  static ClientFrame read(Buffer json) {
    byte[] bytes = json.getBytes();
    int bad = Utf8.firstInvalid(bytes, 0, bytes.length);
    if (bad >= 0) {
      return refused("invalid_json: a frame must be UTF-8 (bad byte at offset " + bad + ")");
    }
    JsonObject msg;
    try {
      msg = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      return refused("invalid_json: a frame must be a JSON object");
    }
    Object address = msg.getValue("address");
    if (address != null && !(address instanceof String)) {
      return refused("invalid_address: address must be a string");
    }
    if (msg.getValue("headers") != null && !(msg.getValue("headers") instanceof JsonObject)) {
      return refused("invalid_headers: headers must be a JSON object");
    }
    return new ClientFrame(msg.getValue("type") instanceof String t ? t : "", (String) address, msg, null);
  }

  private static ClientFrame refused(String reason) {
    return new ClientFrame(null, null, null, reason);
  }
}
