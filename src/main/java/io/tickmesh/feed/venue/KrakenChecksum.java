package io.tickmesh.feed.venue;

import io.tickmesh.feed.BookLevel;
import io.tickmesh.model.Decimals;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Kraken's checksum of a book (WebSocket v1 {@code book}, field {@code c}): for the 10 best asks, then the 10
 * best bids, the price and then the volume as the venue writes them with the '.' and the leading zeros
 * removed, all concatenated; the CRC32 of that text, as an unsigned number. The venue writes a pair's
 * prices (and volumes) with a fixed number of decimals, so the text without its '.' and leading zeros is
 * the value in units of 10^-decimals. Pure.
 */
final class KrakenChecksum {
  /** The levels a side the checksum covers. */
  static final int LEVELS = 10;

  private KrakenChecksum() {}

  /** The checksum of {@code book}, whose prices the venue writes with {@code priceDecimals} places and volumes with {@code volumeDecimals}. */
  static long of(PriceLevelBook book, int priceDecimals, int volumeDecimals) {
    StringBuilder text = new StringBuilder(40 * LEVELS);
    for (boolean buy : new boolean[] {false, true}) {
      for (BookLevel l : book.levels(buy, LEVELS)) {
        digits(text, l.px(), priceDecimals);
        digits(text, l.size(), volumeDecimals);
      }
    }
    CRC32 crc = new CRC32();
    crc.update(text.toString().getBytes(StandardCharsets.US_ASCII));
    return crc.getValue();
  }

  /** Appends {@code scaled} in units of 10^-decimals (the venue's text without '.' and leading zeros). */
  static void digits(StringBuilder out, long scaled, int decimals) {
    if (decimals >= Decimals.SCALE) {
      out.append(scaled);
      out.append("0".repeat(decimals - Decimals.SCALE));
    } else {
      out.append(scaled / pow10(Decimals.SCALE - decimals));
    }
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  /** The number of decimals of a venue's decimal text ({@code "0.05005"}: 5). */
  static int decimals(String text) {
    int dot = text.indexOf('.');
    return dot < 0 ? 0 : text.length() - dot - 1;
  }
}
