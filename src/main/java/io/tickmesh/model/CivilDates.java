package io.tickmesh.model;

/**
 * Proleptic Gregorian calendar arithmetic for {@link Timestamps}, in plain integers: H. Hinnant's
 * days-from-civil and civil-from-days, which count in eras of 400 years.
 */
final class CivilDates {
  private CivilDates() {}

  /** Appends {@code YYYY-MM-DD} of the day {@code epochDay} days after 1970-01-01. */
  static void appendDate(StringBuilder sb, long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    pad(sb, (int) year, 4);
    sb.append('-');
    pad(sb, month, 2);
    sb.append('-');
    pad(sb, day, 2);
  }

  /** Appends {@code value} left-padded with zeros to {@code width} digits. */
  static void pad(StringBuilder sb, int value, int width) {
    for (int limit = 10, w = 1; w < width; w++, limit *= 10) {
      if (value < limit) {
        sb.append('0');
      }
    }
    sb.append(value);
  }

  /** Days from 1970-01-01 to the given date (any year, month 1-12, day of month). */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  /** Days in {@code month} of {@code year}. */
  static int lengthOfMonth(int year, int month) {
    if (month == 2) {
      boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }
}
