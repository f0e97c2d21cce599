package io.tickmesh.shard;

import java.util.zip.CRC32C;

/**
 * The frame every format version of a {@link ShardSnapshot} keeps: magic, version, total length and a
 * CRC-32C trailer, checked before any of the body is read. The version is checked before length and
 * checksum, so that a snapshot of another version is refused as such whatever its frame looks like. A
 * later version that can read older bodies (migrating them as it reads) accepts those versions here and
 * lets {@link ShardSnapshot#decode} choose the body reader by version.
 */
final class SnapshotHeader {
  private SnapshotHeader() {}

  /** Throws IllegalArgumentException unless {@code bytes} is an intact snapshot of this version. */
  static void check(byte[] bytes) {
    if (bytes == null || bytes.length < 4 || fixedInt(bytes, 0) != ShardSnapshot.MAGIC) {
      throw new IllegalArgumentException(
          "not a Tickmesh shard snapshot: "
              + (bytes == null || bytes.length < 4
                  ? (bytes == null ? "no bytes" : "only " + bytes.length + " bytes")
                  : "it starts with 0x" + Integer.toHexString(fixedInt(bytes, 0))
                      + " instead of 0x544d5353 (TMSS)"));
    }
    if (bytes.length < ShardSnapshot.HEADER_BYTES + ShardSnapshot.CHECKSUM_BYTES) {
      throw new IllegalArgumentException(
          "shard snapshot truncated: " + bytes.length + " bytes, less than its header and checksum");
    }
    int version = ((bytes[4] & 0xFF) << 8) | (bytes[5] & 0xFF);
    if (version != ShardSnapshot.VERSION) {
      throw new IllegalArgumentException(unsupported(version));
    }
    long length = fixedInt(bytes, 6) & 0xFFFF_FFFFL;
    if (length != bytes.length) {
      throw new IllegalArgumentException(
          "shard snapshot truncated or corrupt: its header says " + length + " bytes, but there are "
              + bytes.length);
    }
    int end = bytes.length - ShardSnapshot.CHECKSUM_BYTES;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, end);
    int computed = (int) crc.getValue();
    int stored = fixedInt(bytes, end);
    if (computed != stored) {
      throw new IllegalArgumentException(
          "shard snapshot corrupt: checksum 0x" + Integer.toHexString(computed)
              + " does not match the stored 0x" + Integer.toHexString(stored));
    }
  }

  private static String unsupported(int version) {
    String reads = " (this node reads version " + ShardSnapshot.VERSION + ")";
    if (version > ShardSnapshot.VERSION) {
      return "shard snapshot format version " + version + " is newer than this node reads" + reads
          + ": it was written by a later Tickmesh release, which must restore it";
    }
    return "shard snapshot format version " + version + " is no longer supported" + reads
        + ": restore it with the release that wrote it, or one that migrates it";
  }

  private static int fixedInt(byte[] bytes, int at) {
    return ((bytes[at] & 0xFF) << 24)
        | ((bytes[at + 1] & 0xFF) << 16)
        | ((bytes[at + 2] & 0xFF) << 8)
        | (bytes[at + 3] & 0xFF);
  }
}
