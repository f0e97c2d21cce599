package io.tickmesh.model;

/**
 * Event times as nanoseconds since the epoch, read from and written as ISO-8601 UTC without
 * {@code java.time} on the hot path. Accepted text is {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]} followed by
 * {@code Z} or an offset {@code ±HH:MM}; anything else is refused with {@link InvalidValueException}.
 */
public final class Timestamps {
  /** 1990-01-01T00:00:00Z, the earliest ts a tick may carry. */
  public static final long MIN_TICK_NANOS = 631_152_000_000_000_000L;
  /** 2262-04-11T00:00:00Z, exclusive: the last whole day that nanoseconds in a long can reach. */
  public static final long END_TICK_NANOS = 9_223_286_400_000_000_000L;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int SECONDS_PER_DAY = 86_400;
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;
  private static final long MIN_SECOND = Math.floorDiv(Long.MIN_VALUE, NANOS_PER_SECOND);
  private static final long MAX_SECOND = Math.floorDiv(Long.MAX_VALUE, NANOS_PER_SECOND);
  private static final String SHAPE =
      "expected YYYY-MM-DDTHH:MM:SS[.fffffffff] and Z or an offset like +01:00";
  private static final int MAX_QUOTED = 64;

  private Timestamps() {}

  /** Parses ISO-8601 text to nanoseconds since the epoch, converting an offset to UTC. */
  public static long parse(CharSequence text) {
    int n = text.length();
    if (n < 20 || n > 35 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      throw notIso(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int zone = fractionEnd(text);
    long fraction = fractionNanos(text, zone);
    int offset = offsetSeconds(text, zone);
    checkFields(text, month, day, year, hour, minute, second);
    long seconds = CivilDates.epochDay(year, month, day) * SECONDS_PER_DAY
        + hour * 3600L + minute * 60L + second - offset;
    if (seconds < MIN_SECOND || seconds > MAX_SECOND
        || (seconds == MAX_SECOND && fraction > Math.floorMod(Long.MAX_VALUE, NANOS_PER_SECOND))
        || (seconds == MIN_SECOND && fraction < Math.floorMod(Long.MIN_VALUE, NANOS_PER_SECOND))) {
      throw bad("out of the range of nanoseconds since the epoch:", text);
    }
    return seconds * NANOS_PER_SECOND + fraction;
  }

  /** Where the zone starts: right after the seconds, or after a fraction of 1 to 9 digits. */
  private static int fractionEnd(CharSequence text) {
    if (text.charAt(19) != '.') {
      return 19;
    }
    int i = 20;
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
    }
    if (i == 20) {
      throw notIso(text);
    }
    if (i - 20 > 9) {
      throw bad("more than 9 fraction digits in", text);
    }
    return i;
  }

  private static long fractionNanos(CharSequence text, int end) {
    long nanos = 0;
    for (int i = 20; i < 29; i++) {
      nanos = nanos * 10 + (i < end ? text.charAt(i) - '0' : 0);
    }
    return nanos;
  }

  /** Returns {@code nanos} if it is a valid tick time (1990-01-01 inclusive to 2262-04-11 exclusive). */
  public static long checkRange(long nanos) {
    if (nanos < MIN_TICK_NANOS) {
      throw new InvalidValueException(
          "ts " + nanos + " is before 1990-01-01: nanoseconds since the epoch expected");
    }
    if (nanos >= END_TICK_NANOS) {
      throw new InvalidValueException("ts " + nanos + " is not before 2262-04-11");
    }
    return nanos;
  }

  /** True if {@code nanos} lies in the range {@link #checkRange} accepts. */
  public static boolean isInRange(long nanos) {
    return nanos >= MIN_TICK_NANOS && nanos < END_TICK_NANOS;
  }

  /** ISO-8601 UTC like {@link java.time.Instant#toString()}: {@code 2026-11-24T14:30:00.120Z}. */
  public static String format(long nanos) {
    StringBuilder sb = new StringBuilder(30);
    append(sb, nanos);
    return sb.toString();
  }

  /** Appends {@link #format(long)} to {@code sb} without intermediate strings. */
  public static void append(StringBuilder sb, long nanos) {
    long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
    int fraction = (int) Math.floorMod(nanos, NANOS_PER_SECOND);
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    CivilDates.appendDate(sb, days);
    sb.append('T');
    CivilDates.pad(sb, secondOfDay / 3600, 2);
    sb.append(':');
    CivilDates.pad(sb, secondOfDay / 60 % 60, 2);
    sb.append(':');
    CivilDates.pad(sb, secondOfDay % 60, 2);
    if (fraction != 0) {
      sb.append('.');
      if (fraction % 1_000_000 == 0) {
        CivilDates.pad(sb, fraction / 1_000_000, 3);
      } else if (fraction % 1000 == 0) {
        CivilDates.pad(sb, fraction / 1000, 6);
      } else {
        CivilDates.pad(sb, fraction, 9);
      }
    }
    sb.append('Z');
  }

  private static int offsetSeconds(CharSequence text, int i) {
    int n = text.length();
    char c = i < n ? text.charAt(i) : ' ';
    if (c == 'Z' && i + 1 == n) {
      return 0;
    }
    if ((c != '+' && c != '-') || n - i != 6 || text.charAt(i + 3) != ':') {
      throw notIso(text);
    }
    int hours = digits(text, i + 1, 2);
    int minutes = digits(text, i + 4, 2);
    int seconds = hours * 3600 + minutes * 60;
    if (minutes > 59 || seconds > MAX_OFFSET_SECONDS) {
      throw bad("bad offset in", text);
    }
    return c == '-' ? -seconds : seconds;
  }

  private static void checkFields(
      CharSequence text, int month, int day, int year, int hour, int minute, int second) {
    if (month < 1 || month > 12) {
      throw bad("bad month in", text);
    }
    if (day < 1 || day > CivilDates.lengthOfMonth(year, month)) {
      throw bad("bad day of month in", text);
    }
    if (hour > 23 || minute > 59 || second > 59) {
      throw bad("bad time of day in", text);
    }
  }

  private static int digits(CharSequence text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        throw notIso(text);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static InvalidValueException notIso(CharSequence text) {
    return new InvalidValueException("not an ISO-8601 timestamp " + quote(text) + ": " + SHAPE);
  }

  private static InvalidValueException bad(String what, CharSequence text) {
    return new InvalidValueException(what + " " + quote(text));
  }

  private static String quote(CharSequence text) {
    return text.length() <= MAX_QUOTED
        ? "'" + text + "'"
        : "'" + text.subSequence(0, MAX_QUOTED) + "...'";
  }
}
