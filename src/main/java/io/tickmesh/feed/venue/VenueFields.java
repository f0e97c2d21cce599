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
  private VenueFields() {}

  static String text(JsonObject m, String field) {
    if (!(m.getValue(field) instanceof String s)) {
      throw bad(field, m.getValue(field), "text");
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
