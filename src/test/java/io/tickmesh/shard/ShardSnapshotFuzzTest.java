package io.tickmesh.shard;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Fuzzes the checkpoint reader: any bytes restore a shard or are refused with an IllegalArgumentException
 * that names the byte, never another exception (nor one the reader only caught as unexpected); and what
 * was restored is checkpointed again and restores the same. A checksum stops almost any fuzzed input, so
 * an input is the body of a snapshot and gets a good header and checksum; one that starts with the magic
 * {@code TMSS} is read as it is, for the checks of the header.
 */
class ShardSnapshotFuzzTest {
  private static final BarSettings SETTINGS = Ticks.settings(2_000, 1_000, 100, "1s", "1m");
  private static final long NOW = 5_000 * Ticks.SECOND;

  @FuzzTest
  void anyBytesRestoreOrAreRefused(byte[] input) {
    boolean whole = input.length >= 4 && ByteBuffer.wrap(input).getInt() == ShardSnapshot.MAGIC;
    ShardSnapshot.Restored restored;
    try {
      restored = ShardSnapshot.decode(whole ? input : framed(input), SETTINGS, NOW);
    } catch (IllegalArgumentException e) {
      assertThat(e).hasNoCause().message().isNotBlank();
      return;
    }
    byte[] again = encode(restored);
    assertThat(encode(ShardSnapshot.decode(again, SETTINGS, NOW))).isEqualTo(again);
  }

  private static byte[] encode(ShardSnapshot.Restored restored) {
    AppliedSeqs seqs = new AppliedSeqs(Math.max(1, restored.feedSeqs().size()));
    restored.feedSeqs().forEach(seqs::restore);
    return ShardSnapshot.encode(restored.symbols(), seqs);
  }

  /** {@code body} behind a header of this format version and before its checksum. */
  static byte[] framed(byte[] body) {
    int length = ShardSnapshot.HEADER_BYTES + body.length + ShardSnapshot.CHECKSUM_BYTES;
    ByteBuffer out = ByteBuffer.allocate(length);
    out.putInt(ShardSnapshot.MAGIC).putShort((short) ShardSnapshot.VERSION).putInt(length).put(body);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, length - ShardSnapshot.CHECKSUM_BYTES);
    return out.putInt((int) crc.getValue()).array();
  }
}
