package io.tickmesh.feed.itch;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.TradeTick;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ITCH session as a node feeds it: the session's name (its feed ids are {@code itch:<name>:trades}
 * and {@code itch:<name>:quotes}), its trading date and time zone (ITCH timestamps count nanoseconds from
 * that date's local midnight), and the rate to read it at (0: as fast as the shards take it).
 */
public record ItchSession(String name, LocalDate date, ZoneId zone, int ratePerSec) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,48}");
  private static final Pattern DATE_IN_NAME = Pattern.compile("(?<!\\d)(\\d{4})(\\d{2})(\\d{2})(?!\\d)");
  private static final long PRICE_TO_SCALED = Decimals.ONE / 10_000; // ITCH prices have 4 implied decimals

  /** Checks the name (1 to 48 of A-Za-z0-9._-) and the rate. */
  public ItchSession {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("session name must be 1 to 48 of A-Za-z0-9._-: " + name);
    }
    if (ratePerSec < 0) {
      throw new IllegalArgumentException("ratePerSec must not be negative");
    }
  }

  /**
   * The session of {@code file}: its name and date are those given, or, if null, taken from the file name
   * (the name up to its first dot; the date from its first run of 8 digits, yyyyMMdd). Throws
   * IllegalArgumentException saying what is missing.
   */
  public static ItchSession of(Path file, String name, String date, String zone, int ratePerSec) {
    String fileName = file.getFileName().toString();
    String derivedName = fileName.contains(".") ? fileName.substring(0, fileName.indexOf('.')) : fileName;
    LocalDate day;
    try {
      day = date != null ? LocalDate.parse(date) : dateIn(fileName);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("itch.date must be a date such as 2010-12-24: " + date, e);
    }
    return new ItchSession(name != null ? name : derivedName, day, ZoneId.of(zone), ratePerSec);
  }

  /**
   * A live session (SoupBinTCP): named {@code name}, or {@code soup} if null; of {@code date}, or if null
   * today in {@code zone}.
   */
  public static ItchSession live(String name, String date, String zone, int ratePerSec) {
    ZoneId z = ZoneId.of(zone);
    try {
      return new ItchSession(name != null ? name : "soup", date != null ? LocalDate.parse(date) : LocalDate.now(z), z, ratePerSec);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("itch.date must be a date such as 2010-12-24: " + date, e);
    }
  }

  private static LocalDate dateIn(String fileName) {
    Matcher m = DATE_IN_NAME.matcher(fileName);
    if (!m.find()) {
      throw new IllegalArgumentException("itch.date is not set and the file name " + fileName + " holds no yyyyMMdd date");
    }
    return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  /** The feed id of the session's trades. */
  public String tradesFeed() {
    return "itch:" + name + ":trades";
  }

  /** The feed id of the session's tops of book. */
  public String quotesFeed() {
    return "itch:" + name + ":quotes";
  }

  /** The session date's local midnight, nanoseconds since the epoch. */
  public long midnightNanos() {
    return date.atStartOfDay(zone).toEpochSecond() * 1_000_000_000L;
  }

  /** An ITCH price (4 implied decimals) as the project's scaled decimal. */
  public static long decimal(long itchPrice) {
    return itchPrice * PRICE_TO_SCALED;
  }

  /** The tick of feed {@code feed} (the session's trades) an ITCH trade of {@code shares} at {@code price} makes. */
  public static TradeTick trade(String feed, long seq, String symbol, long tsNanos, long price, long shares) {
    return new TradeTick(feed, seq, symbol, tsNanos, decimal(price), shares * Decimals.ONE);
  }

  /** The tick of feed {@code feed} (the session's quotes) a new top of book makes. */
  public static QuoteTick quote(String feed, long seq, String symbol, long tsNanos, OrderBook.Top top) {
    return new QuoteTick(feed, seq, symbol, tsNanos, decimal(top.bid()), top.bidShares() * Decimals.ONE, decimal(top.ask()),
        top.askShares() * Decimals.ONE);
  }
}
