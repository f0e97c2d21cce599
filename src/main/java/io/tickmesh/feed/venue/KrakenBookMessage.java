package io.tickmesh.feed.venue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One Kraken {@code book-<depth>} message read whole before it touches a book (a bad one changes nothing):
 * a snapshot ({@code as}, {@code bs}) or an update (objects with {@code a} and/or {@code b}, the last one
 * with the checksum {@code c}), each level {@code [price, volume, time]} (and {@code "r"} when republished);
 * volume 0 removes the level. Pure.
 */
record KrakenBookMessage(boolean snapshot, int depth, List<Level> levels, long checksum, long tsNanos) {
  /** One level as the message gives it, with the decimals the venue wrote its price and volume with. */
  record Level(boolean buy, long px, long volume, int priceDecimals, int volumeDecimals) {}

  /** Reads {@code a}, {@code [channelID, data…, channelName, pair]} of channel {@code channel} ({@code book-<depth>}). */
  static KrakenBookMessage read(JsonArray a, String channel) {
    int depth;
    try {
      depth = Integer.parseInt(channel.substring("book-".length()));
    } catch (NumberFormatException e) {
      throw VenueFields.bad("channelName", channel, "book-<depth>");
    }
    if (depth < 1 || depth > KrakenProtocol.BOOK_DEPTH) {
      throw VenueFields.bad("channelName", channel, "book-<depth> of 1 to " + KrakenProtocol.BOOK_DEPTH);
    }
    List<Level> levels = new ArrayList<>();
    long checksum = -1;
    long[] ts = {0};
    boolean snapshot = false;
    for (int i = 1; i < a.size() - 2; i++) {
      if (!(a.getValue(i) instanceof JsonObject o)) {
        throw VenueFields.bad("book", a.getValue(i), "an object of levels");
      }
      snapshot |= o.containsKey("as") || o.containsKey("bs");
      side(o, snapshot ? "as" : "a", false, levels, ts);
      side(o, snapshot ? "bs" : "b", true, levels, ts);
      if (o.containsKey("c")) {
        checksum = checksum(o.getValue("c"));
      }
    }
    if (levels.isEmpty() && !snapshot) {
      throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "a book update without levels");
    }
    return new KrakenBookMessage(snapshot, depth, levels, checksum, ts[0]);
  }

  private static void side(JsonObject o, String field, boolean buy, List<Level> out, long[] ts) {
    if (!o.containsKey(field)) {
      return;
    }
    JsonArray side = VenueFields.array(o, field);
    for (Object l : side) {
      JsonArray level = VenueFields.array(l, field);
      if (level.size() < 3 || !(level.getValue(0) instanceof String px) || !(level.getValue(1) instanceof String volume)) {
        throw VenueFields.bad(field, level.encode(), "[price, volume, time]");
      }
      out.add(new Level(buy, VenueFields.decimal(px, field + " price", 1), VenueFields.decimal(volume, field + " volume", 0),
          KrakenChecksum.decimals(px), KrakenChecksum.decimals(volume)));
      ts[0] = Math.max(ts[0], VenueFields.epochSeconds(level.getValue(2), field + " time"));
    }
  }

  private static long checksum(Object c) {
    if (c instanceof String s && s.length() <= 10 && !s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
      long value = Long.parseLong(s);
      if (value <= 0xFFFF_FFFFL) {
        return value;
      }
    }
    throw VenueFields.bad("c", c, "a CRC32 as unsigned decimal text");
  }

  /**
   * Sets each level on {@code pair}'s book in order, learns the pair's decimals, and keeps the subscribed
   * depth a side; false if a side would grow past {@link PriceLevelBook#MAX_LEVELS}.
   */
  boolean applyTo(KrakenPair pair) {
    PriceLevelBook book = pair.book();
    for (Level l : levels) {
      if (!book.set(l.buy(), l.px(), l.volume())) {
        return false;
      }
      pair.decimals(l.priceDecimals(), l.volumeDecimals());
    }
    book.truncate(true, depth);
    book.truncate(false, depth);
    return true;
  }
}
