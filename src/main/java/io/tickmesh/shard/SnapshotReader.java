package io.tickmesh.shard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link SnapshotWriter} wrote, checking each step against the end of the input. The
 * checksum catches accidental damage first; these checks are for whatever gets past it (a bug, a crafted
 * file), so that it fails with an IllegalArgumentException naming the byte and the symbol being read,
 * never with an index error or an allocation of a bogus size. Not thread-safe: one per decode.
 */
final class SnapshotReader {
  private final byte[] bytes;
  private final int end;
  private final List<String> feeds = new ArrayList<>();
  private int position;
  private String symbol; // named in error messages

  /** Reads {@code bytes[from, end)}. */
  SnapshotReader(byte[] bytes, int from, int end) {
    this.bytes = bytes;
    this.position = from;
    this.end = end;
  }

  int remaining() {
    return end - position;
  }

  /** Names the symbol being read in the messages of later failures. */
  void atSymbol(String symbol) {
    this.symbol = symbol;
  }

  int readByte() {
    if (position >= end) {
      throw corrupt("the data ends in the middle of a value");
    }
    return bytes[position++] & 0xFF;
  }

  long readVarLong() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw corrupt("a number longer than 10 bytes");
  }

  long readSignedVarLong() {
    long zigzag = readVarLong();
    return (zigzag >>> 1) ^ -(zigzag & 1);
  }

  /** A count of items that take at least one byte each, so it cannot exceed the bytes left. */
  int readCount(String what) {
    long count = readVarLong();
    if (count < 0 || count > remaining()) {
      throw corrupt(what + " count " + Long.toUnsignedString(count) + " exceeds the data left");
    }
    return (int) count;
  }

  /** A varint that must lie in [min, max]. */
  long readBounded(String what, long min, long max) {
    long value = readVarLong();
    if (value < min || value > max) {
      throw corrupt(
          what + " " + Long.toUnsignedString(value) + " is out of range [" + min + ", " + max + "]");
    }
    return value;
  }

  String readString(String what) {
    int length = readCount(what + " length");
    String value = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  /** A feed name written by {@link SnapshotWriter#writeFeed}; repeated names share one String. */
  String readFeed() {
    long ref = readVarLong();
    if (ref == 0) {
      String feed = readString("feed name");
      if (feed.isEmpty()) {
        throw corrupt("an empty feed name");
      }
      feeds.add(feed);
      return feed;
    }
    if (ref < 0 || ref > feeds.size()) {
      throw corrupt(
          "feed reference " + Long.toUnsignedString(ref) + " but " + feeds.size() + " feeds so far");
    }
    return feeds.get((int) ref - 1);
  }

  /** Reads what {@link SnapshotWriter#writeTotals} wrote into {@code into}, with {@code trades} trades. */
  void readTotals(TradeTotals into, long trades) {
    long volumeHigh = readSignedVarLong();
    long volumeLow = readVarLong();
    long notionalHigh = readSignedVarLong();
    into.restoreTotals(trades, volumeHigh, volumeLow, notionalHigh, readVarLong());
  }

  /** The failure for data that cannot be a snapshot written by this code; also used by the codecs. */
  IllegalArgumentException corrupt(String detail) {
    return new IllegalArgumentException(
        "corrupt shard snapshot at byte "
            + position
            + (symbol == null ? "" : " (symbol " + symbol + ")")
            + ": "
            + detail);
  }
}
