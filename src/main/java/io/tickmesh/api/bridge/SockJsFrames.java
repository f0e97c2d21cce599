package io.tickmesh.api.bridge;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The framing of SockJS over WebSocket: {@code o} opens, {@code h} is a heartbeat, {@code a[...]} carries
 * messages as a JSON array of strings, {@code c[code,"reason"]} closes. SockJS escapes every character
 * outside printable ASCII in those strings, which browsers need; plain JSON escaping is not enough.
 */
final class SockJsFrames {
  static final String OPEN = "o";
  static final String HEARTBEAT = "h";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private SockJsFrames() {}

  /** {@code a["message","message"…]}: the frames' texts, each quoted once and kept for every client. */
  static String array(List<Delivery> frames) {
    StringBuilder sb = new StringBuilder(64 * frames.size()).append("a[");
    for (int i = 0; i < frames.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(frames.get(i).sockJsQuoted());
    }
    return sb.append(']').toString();
  }

  /** {@code message} as a SockJS string literal, quotes included. */
  static String quoted(String message) {
    StringBuilder sb = new StringBuilder(message.length() + 8);
    quote(message, sb);
    return sb.toString();
  }

  /** {@code c[code,"reason"]}. */
  static String close(int code, String reason) {
    StringBuilder sb = new StringBuilder(reason.length() + 16).append("c[").append(code).append(',');
    quote(reason, sb);
    return sb.append(']').toString();
  }

  /**
   * The messages of one frame a client sent: a JSON array of strings, or one JSON string; null if the
   * frame is neither.
   */
  static List<String> messages(String frame) {
    try {
      Object parsed = frame.startsWith("[") ? new JsonArray(frame) : io.vertx.core.json.Json.decodeValue(frame);
      if (parsed instanceof String one) {
        return List.of(one);
      }
      if (!(parsed instanceof JsonArray array)) {
        return null;
      }
      List<String> out = new ArrayList<>(array.size());
      for (Object o : array) {
        if (!(o instanceof String s)) {
          return null;
        }
        out.add(s);
      }
      return out;
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7f) {
        sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
