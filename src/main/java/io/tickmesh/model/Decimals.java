package io.tickmesh.model;

import java.math.BigDecimal;

/**
 * Exact decimals as scaled longs: a value v stands for {@code v / 10^8}. Prices and quantities travel
 * through the pipeline in this form, so the hot path compares and adds longs and never rounds; text is
 * read digit by digit, never through {@code double}. The range is ±92,233,720,368.54775807 with eight
 * decimal places; text outside it, or with more significant decimal places, is refused, never rounded.
 */
public final class Decimals {
  /** Number of decimal places every scaled value carries. */
  public static final int SCALE = 8;
  /** The scaled representation of 1. */
  public static final long ONE = 100_000_000L;
  /** Longest decimal text accepted, in characters. */
  public static final int MAX_TEXT = 64;

  private static final long[] POW10 = new long[19];

  static {
    long p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private Decimals() {}

  /** Parses decimal text such as {@code 189.23}, {@code -0.5} or {@code 1.5e2} exactly. */
  public static long parse(CharSequence text) {
    return parse(text, 0, text.length());
  }

  /** Parses {@code text[from, to)} exactly; throws {@link InvalidValueException} with a reason. */
  public static long parse(CharSequence text, int from, int to) {
    int len = to - from;
    if (len <= 0) {
      throw new InvalidValueException("empty decimal");
    }
    if (len > MAX_TEXT) {
      throw new InvalidValueException("decimal longer than " + MAX_TEXT + " characters");
    }
    int i = from;
    boolean negative = text.charAt(i) == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int droppedZeros = 0; // zero digits past the long range: they scale the value, not its digits
    int fractionDigits = 0;
    int digits = 0;
    boolean inFraction = false;
    for (; i < to; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        int d = c - '0';
        digits++;
        if (inFraction) {
          fractionDigits++;
        }
        // Exact bound for this digit: the long range is used to its last value (92233720368.54775807).
        if (mantissa > (Long.MAX_VALUE - d) / 10) {
          if (d != 0) {
            throw inFraction && fractionDigits > SCALE
                ? tooPrecise(text, from, to)
                : outOfRange(text, from, to);
          }
          droppedZeros++;
          continue;
        }
        mantissa = mantissa * 10 + d;
      } else if (c == '.' && !inFraction) {
        if (digits == 0 || i + 1 >= to || !isDigit(text.charAt(i + 1))) {
          throw notDecimal(text, from, to);
        }
        inFraction = true;
      } else if (c == 'e' || c == 'E') {
        break;
      } else {
        throw notDecimal(text, from, to);
      }
    }
    if (digits == 0) {
      throw notDecimal(text, from, to);
    }
    int exponent = i < to ? parseExponent(text, i + 1, to, from) : 0;
    // value = mantissa * 10^(droppedZeros + exponent - fractionDigits); we want value * 10^SCALE.
    int shift = SCALE + droppedZeros + exponent - fractionDigits;
    long scaled;
    if (shift >= 0) {
      if (mantissa == 0) {
        scaled = 0;
      } else if (shift >= POW10.length) {
        throw outOfRange(text, from, to);
      } else {
        long hi = Math.multiplyHigh(mantissa, POW10[shift]);
        scaled = mantissa * POW10[shift];
        if (hi != 0 || scaled < 0) {
          throw outOfRange(text, from, to);
        }
      }
    } else {
      int drop = -shift;
      if (drop >= POW10.length) {
        if (mantissa != 0) {
          throw tooPrecise(text, from, to);
        }
        scaled = 0;
      } else {
        if (mantissa % POW10[drop] != 0) {
          throw tooPrecise(text, from, to);
        }
        scaled = mantissa / POW10[drop];
      }
    }
    return negative ? -scaled : scaled;
  }

  private static int parseExponent(CharSequence text, int i, int to, int from) {
    boolean negative = false;
    if (i < to && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    if (i >= to || to - i > 3) {
      throw notDecimal(text, from, to);
    }
    int exponent = 0;
    for (; i < to; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        throw notDecimal(text, from, to);
      }
      exponent = exponent * 10 + (c - '0');
    }
    return negative ? -exponent : exponent;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static InvalidValueException notDecimal(CharSequence text, int from, int to) {
    return new InvalidValueException("not a decimal: '" + text.subSequence(from, to) + "'");
  }

  private static InvalidValueException outOfRange(CharSequence text, int from, int to) {
    return new InvalidValueException("decimal out of range: '" + text.subSequence(from, to) + "'");
  }

  private static InvalidValueException tooPrecise(CharSequence text, int from, int to) {
    return new InvalidValueException(
        "more than " + SCALE + " decimal places: '" + text.subSequence(from, to) + "'");
  }

  /** Plain text of a scaled value without trailing zeros: {@code 189.23}, {@code 100}, {@code -0.5}. */
  public static String toText(long scaled) {
    StringBuilder sb = new StringBuilder(24);
    appendText(sb, scaled);
    return sb.toString();
  }

  /** Appends {@link #toText(long)} to {@code sb} without intermediate strings. */
  public static void appendText(StringBuilder sb, long scaled) {
    if (scaled < 0) {
      sb.append('-');
    }
    long abs = Math.abs(scaled); // Long.MIN_VALUE never comes out of parse or the analytics
    sb.append(abs / ONE);
    long fraction = abs % ONE;
    if (fraction != 0) {
      int places = SCALE;
      while (fraction % 10 == 0) {
        fraction /= 10;
        places--;
      }
      sb.append('.');
      for (int pad = places - digitCount(fraction); pad > 0; pad--) {
        sb.append('0');
      }
      sb.append(fraction);
    }
  }

  private static int digitCount(long v) {
    int n = 1;
    while (v >= 10) {
      v /= 10;
      n++;
    }
    return n;
  }

  /** The scaled value as a BigDecimal with scale {@link #SCALE}. */
  public static BigDecimal toBigDecimal(long scaled) {
    return BigDecimal.valueOf(scaled, SCALE);
  }

  /** The BigDecimal as a scaled long; throws if it has more than eight places or is out of range. */
  public static long fromBigDecimal(BigDecimal value) {
    long scaled;
    try {
      scaled = value.setScale(SCALE).unscaledValue().longValueExact();
    } catch (ArithmeticException e) {
      scaled = Long.MIN_VALUE;
    }
    // Long.MIN_VALUE is outside the documented (symmetric) range and has no text form (see appendText).
    if (scaled == Long.MIN_VALUE) {
      throw new InvalidValueException("not representable exactly: " + value.toPlainString());
    }
    return scaled;
  }
}
