package io.tickmesh.feed;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.InvalidValueException;
import io.tickmesh.model.Symbols;
import io.tickmesh.model.Tick;
import io.tickmesh.model.Timestamps;
import io.tickmesh.model.Utf8;

/**
 * Reads the value of one tick field from its text, whether it came from JSON or from a CSV cell. Each
 * refusal is an {@link InvalidValueException} whose reason starts with the field's name.
 */
final class FieldValues {
  /** Longest feed id accepted. */
  static final int MAX_FEED_LENGTH = 64;

  private FieldValues() {}

  /** Throws the parsers' refusal if the line {@code buf[off, off+len)} is not strict UTF-8. */
  static void checkUtf8(byte[] buf, int off, int len) {
    int bad = Utf8.firstInvalid(buf, off, len);
    if (bad >= 0) {
      throw new TickFormatException("not valid UTF-8 at byte " + (bad + 1));
    }
  }

  /** True for {@code trade}, false for {@code quote}. */
  static boolean isTrade(CharSequence v) {
    if (contentEquals(v, "trade")) {
      return true;
    }
    if (contentEquals(v, "quote")) {
      return false;
    }
    throw new InvalidValueException("type: expected 'trade' or 'quote', got " + Reasons.quote(v));
  }

  /**
   * A symbol or feed id: 1 to {@code max} of {@code A-Z a-z 0-9 . - _ : /} (feeds and symbols share the
   * character set).
   */
  static String identifier(TickField f, CharSequence v, int max) {
    int n = v.length();
    if (n == 0) {
      throw new InvalidValueException(f.key + ": empty");
    }
    if (n > max) {
      throw new InvalidValueException(f.key + ": longer than " + max + " characters");
    }
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (!Symbols.isSymbolChar(c)) {
        throw new InvalidValueException(f.key + ": bad character " + Reasons.character(c));
      }
    }
    return v.toString();
  }

  /**
   * A feed id a line may name: an identifier of at most {@link #MAX_FEED_LENGTH}, not starting with the
   * prefix of the ids the node assigns (naming one would share or break another connection's dedupe).
   */
  static String feed(CharSequence v) {
    String id = identifier(TickField.FEED, v, MAX_FEED_LENGTH);
    if (FeedIds.isAssigned(id)) {
      throw new InvalidValueException("feed: the prefix " + FeedIds.ASSIGNED_PREFIX + " is reserved for feeds the node assigns");
    }
    return id;
  }

  /** Integer nanoseconds (text or JSON number), or ISO-8601 text; within 1990-01-01 .. 2262-04-11. */
  static long ts(CharSequence v, boolean jsonNumber) {
    if (isInteger(v)) {
      boolean negative = v.charAt(0) == '-';
      long magnitude = digitsValue(v, negative ? 1 : 0);
      if (magnitude < 0) {
        throw new InvalidValueException("ts " + Reasons.quote(v) + (negative
            ? " is before 1990-01-01: nanoseconds since the epoch expected"
            : " is not before 2262-04-11"));
      }
      return Timestamps.checkRange(negative ? -magnitude : magnitude);
    }
    if (jsonNumber) {
      throw new InvalidValueException(
          "ts: expected integer nanoseconds since the epoch or ISO-8601 text, got " + Reasons.quote(v));
    }
    long nanos;
    try {
      nanos = Timestamps.parse(v);
    } catch (InvalidValueException e) {
      throw new InvalidValueException("ts: " + e.getMessage());
    }
    if (!Timestamps.isInRange(nanos)) {
      String side =
          nanos < Timestamps.MIN_TICK_NANOS ? " is before 1990-01-01" : " is not before 2262-04-11";
      throw new InvalidValueException("ts " + Reasons.quote(v) + side);
    }
    return nanos;
  }

  /** A price or {@code qty}, which must be positive, or a quote size, which may be 0. */
  static long decimal(TickField f, CharSequence v) {
    long value;
    try {
      value = Decimals.parse(v, 0, v.length());
    } catch (InvalidValueException e) {
      throw new InvalidValueException(f.key + ": " + e.getMessage());
    }
    boolean size = f == TickField.BID_QTY || f == TickField.ASK_QTY;
    if (size ? value < 0 : value <= 0) {
      String rule = size ? ": must not be negative, got " : ": must be positive, got ";
      throw new InvalidValueException(f.key + rule + Decimals.toText(value));
    }
    return value;
  }

  /**
   * A positive integer up to {@link Tick#MAX_SEQ}: exact in every JSON parser, and far enough below
   * {@link Long#MAX_VALUE} that one seq can never use up its feed.
   */
  static long seq(CharSequence v) {
    if (v.length() == 0 || !isInteger(v) || v.charAt(0) == '-') {
      throw new InvalidValueException("seq: expected a positive integer, got " + Reasons.quote(v));
    }
    long value = digitsValue(v, 0);
    if (value < 0 || value > Tick.MAX_SEQ) {
      throw new InvalidValueException("seq: larger than " + Tick.MAX_SEQ + " (2^53-1, the largest seq accepted)");
    }
    if (value == 0) {
      throw new InvalidValueException("seq: must be positive, got 0");
    }
    return value;
  }

  /** {@code -?[0-9]+}. */
  private static boolean isInteger(CharSequence v) {
    int n = v.length();
    int i = n > 0 && v.charAt(0) == '-' ? 1 : 0;
    if (i == n) {
      return false;
    }
    for (; i < n; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The value of the digits from {@code from} on, or -1 past {@link Long#MAX_VALUE}. */
  private static long digitsValue(CharSequence v, int from) {
    long value = 0;
    for (int i = from; i < v.length(); i++) {
      int d = v.charAt(i) - '0';
      if (value > (Long.MAX_VALUE - d) / 10) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static boolean contentEquals(CharSequence v, String s) {
    if (v.length() != s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (v.charAt(i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
