package io.tickmesh.feed.venue;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.InvalidValueException;
import io.tickmesh.model.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads the fields of a venue's JSON messages with the reason ready when one is missing or wrong: every
 * failure is a {@link VenueMessageException} ({@link VenueProblem#BAD_MESSAGE}) naming the field.
 * Decimals must be JSON strings (venues send them so; a JSON number would have passed through a double).
 */
final class VenueFields {
  private static final java.util.regex.Pattern EPOCH_SECONDS = java.util.regex.Pattern.compile("\\d{1,10}(\\.\\d{1,9})?");

  private VenueFields() {}

  static String text(JsonObject m, String field) {
    return text(m.getValue(field), field);
  }

  static String text(Object v, String field) {
    if (!(v instanceof String s)) {
      throw bad(field, v, "text");
    }
    return s;
  }

  static long integer(JsonObject m, String field) {
    Object v = m.getValue(field);
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() <= 0) {
      throw bad(field, v, "a positive integer");
    }
    return ((Number) v).longValue();
  }

  /** A decimal string, at least {@code min} (scaled) . */
  static long decimal(Object v, String field, long min) {
    if (!(v instanceof String s)) {
      throw bad(field, v, "a decimal string");
    }
    try {
      long value = Decimals.parse(s);
      if (value < min) {
        throw bad(field, v, min == 0 ? "a decimal not below 0" : "a positive decimal");
      }
      return value;
    } catch (InvalidValueException e) {
      throw bad(field, v, "a decimal string (" + e.getMessage() + ")");
    }
  }

  static long decimal(JsonObject m, String field, long min) {
    return decimal(m.getValue(field), field, min);
  }

  /** An ISO-8601 time such as {@code 2021-04-17T16:43:30.244075Z}, epoch nanoseconds. */
  static long time(JsonObject m, String field) {
    String s = text(m, field);
    try {
      return Timestamps.checkRange(Timestamps.parse(s));
    } catch (InvalidValueException e) {
      throw bad(field, s, "an ISO-8601 time (" + e.getMessage() + ")");
    }
  }

  /** Seconds since the epoch as decimal text with up to 9 places ({@code "1618678142.557535"}, Kraken's), epoch nanoseconds. */
  static long epochSeconds(Object v, String field) {
    if (!(v instanceof String s) || !EPOCH_SECONDS.matcher(s).matches()) {
      throw bad(field, v, "seconds since the epoch as decimal text");
    }
    int dot = s.indexOf('.');
    String fraction = dot < 0 ? "" : s.substring(dot + 1);
    long seconds = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
    if (seconds > Long.MAX_VALUE / 1_000_000_000L - 1) {
      throw bad(field, v, "seconds since the epoch before 2262");
    }
    long nanos = seconds * 1_000_000_000L + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 9)));
    return inRange(nanos, field, v);
  }

  /** Milliseconds since the epoch as a JSON integer (Binance's), epoch nanoseconds. */
  static long epochMillis(JsonObject m, String field) {
    long ms = integer(m, field);
    if (ms > Long.MAX_VALUE / 1_000_000L) {
      throw bad(field, ms, "milliseconds since the epoch");
    }
    return inRange(ms * 1_000_000L, field, ms);
  }

  private static long inRange(long nanos, String field, Object v) {
    try {
      return Timestamps.checkRange(nanos);
    } catch (InvalidValueException e) {
      throw bad(field, v, "a time (" + e.getMessage() + ")");
    }
  }

  static JsonArray array(JsonObject m, String field) {
    if (!(m.getValue(field) instanceof JsonArray a)) {
      throw bad(field, m.getValue(field), "a list");
    }
    return a;
  }

  static JsonArray array(Object v, String field) {
    if (!(v instanceof JsonArray a)) {
      throw bad(field, v, "a list");
    }
    return a;
  }

  static VenueMessageException bad(String field, Object value, String expected) {
    String shown = value == null ? "nothing" : value instanceof String s ? "'" + cut(s) + "'" : cut(String.valueOf(value));
    return new VenueMessageException(VenueProblem.BAD_MESSAGE, field + ": expected " + expected + ", got " + shown);
  }

  private static String cut(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
