package io.tickmesh.api.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * How one transport writes the frames of the event-bus bridge protocol. The TCP bridge speaks the
 * protocol of vertx-tcp-eventbus-bridge (a 4-byte big-endian length, then the JSON); browsers speak the
 * dialect of the npm client {@code @vertx/eventbus-bridge-client.js} over SockJS (JSON text; messages
 * are {@code rec}, a refusal is {@code {"type":"err","body":reason}}, and pings get no answer).
 */
enum Dialect {
  /** vertx-tcp-eventbus-bridge frames. */
  TCP {
    @Override
    Buffer message(String address, Buffer body) {
      return framed(head("message", address).appendString(",\"send\":false,\"body\":").appendBuffer(body).appendByte((byte) '}'));
    }

    @Override
    Buffer reply(String replyAddress, Object body) {
      return framed(new JsonObject().put("type", "message").put("address", replyAddress).put("send", true)
          .put("body", body).toBuffer());
    }

    @Override
    Buffer error(String reason) {
      return framed(new JsonObject().put("type", "err").put("message", reason).toBuffer());
    }

    @Override
    Buffer pong() {
      return framed(new JsonObject().put("type", "pong").toBuffer());
    }

    @Override
    Buffer replyFailure(String replyAddress, String sourceAddress, int code, String type, String reason) {
      return framed(new JsonObject().put("type", "err").put("address", replyAddress).put("sourceAddress", sourceAddress)
          .put("failureCode", code).put("failureType", type).put("message", reason).toBuffer());
    }
  },

  /** The SockJS dialect of vertx-web's bridge and its JavaScript client. */
  SOCKJS {
    @Override
    Buffer message(String address, Buffer body) {
      return head("rec", address).appendString(",\"body\":").appendBuffer(body).appendByte((byte) '}');
    }

    @Override
    Buffer reply(String replyAddress, Object body) {
      return new JsonObject().put("type", "rec").put("address", replyAddress).put("body", body).toBuffer();
    }

    @Override
    Buffer error(String reason) {
      int colon = reason.indexOf(": ");
      String code = colon > 0 ? reason.substring(0, colon) : reason;
      return new JsonObject().put("type", "err").put("body", code).put("message", reason).toBuffer();
    }

    @Override
    Buffer pong() {
      return null;
    }

    @Override
    Buffer replyFailure(String replyAddress, String sourceAddress, int code, String type, String reason) {
      return new JsonObject().put("type", "err").put("address", replyAddress).put("failureCode", code)
          .put("failureType", type).put("message", reason).toBuffer();
    }
  };

  /**
   * A message published on {@code address}, an output address the bridge permits (it needs no
   * escaping); {@code body} is its JSON. The hot path: built once per message and bridge, whatever the
   * number of subscribers.
   */
  abstract Buffer message(String address, Buffer body);

  /** The answer to a request the client sent with {@code replyAddress}. */
  abstract Buffer reply(String replyAddress, Object body);

  /**
   * A refusal or the reason of a disconnect, {@code "code: detail"}; the SockJS dialect puts the code
   * alone in {@code body}, as vertx-web's bridge does ({@code "access_denied"}), and the whole in
   * {@code message}.
   */
  abstract Buffer error(String reason);

  /** The answer to a ping, or null if the dialect has none. */
  abstract Buffer pong();

  /** A request that failed: {@code code} 400 (bad request), 404 (unknown symbol), 503 (no answer in time). */
  abstract Buffer replyFailure(String replyAddress, String sourceAddress, int code, String type, String reason);

  /** {@code {"type":T,"address":A}} without its closing brace. */
  private static Buffer head(String type, String address) {
    return Buffer.buffer(64).appendString("{\"type\":\"" + type + "\",\"address\":\"" + address + "\"");
  }

  private static Buffer framed(Buffer json) {
    return Buffer.buffer(json.length() + 4).appendInt(json.length()).appendBuffer(json);
  }
}
