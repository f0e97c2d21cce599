package io.tickmesh.shard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The byte level of a {@link ShardSnapshot}: a growable buffer of varints, strings and a few fixed-width
 * fields. Most numbers in a shard's state are small or close to a neighbour, so unsigned LEB128 varints
 * (and zigzag for signed deltas) make a snapshot about half the size of fixed longs. A feed name is
 * written in full the first time and as a table index after that, as a shard sees few feeds and every
 * tick names one. Not thread-safe: one per encode.
 */
final class SnapshotWriter {
  private byte[] bytes = new byte[8192];
  private int size;
  private final Map<String, Integer> feeds = new HashMap<>();

  int size() {
    return size;
  }

  void writeByte(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
  }

  /** Big-endian, two bytes: fixed width so the header reads the same in every format version. */
  void writeFixedShort(int value) {
    writeByte(value >>> 8);
    writeByte(value);
  }

  void writeFixedInt(int value) {
    writeFixedShort(value >>> 16);
    writeFixedShort(value);
  }

  /** Overwrites four bytes at {@code position}, for a length known only at the end. */
  void setFixedInt(int position, int value) {
    for (int i = 0; i < 4; i++) {
      bytes[position + i] = (byte) (value >>> (24 - 8 * i));
    }
  }

  /** Unsigned LEB128: 7 bits a byte, low first; a negative value takes the full 10 bytes. */
  void writeVarLong(long value) {
    ensure(10);
    long v = value;
    while ((v & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    bytes[size++] = (byte) v;
  }

  /** Zigzag, so small negative deltas stay short too. */
  void writeSignedVarLong(long value) {
    writeVarLong((value << 1) ^ (value >> 63));
  }

  void writeString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarLong(utf8.length);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, bytes, size, utf8.length);
    size += utf8.length;
  }

  /** 0 and the name the first time, else 1 + the index the name got when first written. */
  void writeFeed(String feed) {
    Integer index = feeds.get(feed);
    if (index != null) {
      writeVarLong(index + 1L);
      return;
    }
    feeds.put(feed, feeds.size());
    writeVarLong(0);
    writeString(feed);
  }

  /**
   * Volume and notional, each a 128-bit sum: the signed upper word is nearly always 0, the lower word
   * is a plain magnitude.
   */
  void writeTotals(TradeTotals totals) {
    writeSignedVarLong(totals.volumeHigh());
    writeVarLong(totals.volumeLow());
    writeSignedVarLong(totals.notionalHigh());
    writeVarLong(totals.notionalLow());
  }

  /** The buffer itself, valid up to {@link #size}: the checksum reads it without a copy. */
  byte[] buffer() {
    return bytes;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
