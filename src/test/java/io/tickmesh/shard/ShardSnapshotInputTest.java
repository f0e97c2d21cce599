package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.SECOND;
import static io.tickmesh.shard.Ticks.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are not an intact snapshot of this format version are refused with an
 * IllegalArgumentException whose message says what is wrong: foreign, truncated, damaged (caught by the
 * checksum, or past it by the structure checks), or of another version.
 */
class ShardSnapshotInputTest {
  private static final long T0 = 5_000 * SECOND;
  private static final BarSettings SETTINGS = settings(2_000, 1_000, 100, "1s", "1m");

  @Test
  void aTruncatedSnapshotIsRefusedClearly() {
    byte[] bytes = ShardSnapshotTest.sample(SETTINGS).snapshot();
    for (int length = 0; length < bytes.length; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> ShardSnapshot.decode(cut, SETTINGS, T0))
          .as("cut to %d bytes", length)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageMatching("(not a Tickmesh shard snapshot|shard snapshot truncated).*");
    }
    int last = bytes.length - 1;
    assertThatThrownBy(() -> ShardSnapshot.decode(Arrays.copyOf(bytes, last), SETTINGS, T0))
        .hasMessage("shard snapshot truncated or corrupt: its header says " + bytes.length
            + " bytes, but there are " + last);
  }

  @Test
  void aDamagedByteIsRefusedClearly() {
    byte[] bytes = ShardSnapshotTest.sample(SETTINGS).snapshot();
    for (int i = 0; i < bytes.length; i++) {
      byte[] damaged = bytes.clone();
      damaged[i] ^= 0x10;
      assertThatThrownBy(() -> ShardSnapshot.decode(damaged, SETTINGS, T0))
          .as("byte %d damaged", i)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageMatching("(not a Tickmesh|shard snapshot (format version|truncated|corrupt)).*");
    }
    byte[] damaged = bytes.clone();
    damaged[40] ^= 1;
    assertThatThrownBy(() -> ShardSnapshot.decode(damaged, SETTINGS, T0))
        .hasMessageStartingWith("shard snapshot corrupt: checksum 0x")
        .hasMessageContaining("does not match the stored 0x");
  }

  @Test
  void damageThatGetsPastTheChecksumStillGivesOnlyAClearError() {
    byte[] bytes = ShardSnapshotTest.sample(SETTINGS).snapshot();
    int failures = 0;
    for (int i = ShardSnapshot.HEADER_BYTES; i < bytes.length - ShardSnapshot.CHECKSUM_BYTES; i++) {
      for (int flip : new int[] {0x01, 0x40, 0x80, 0xFF}) {
        byte[] damaged = bytes.clone();
        damaged[i] ^= (byte) flip;
        byte[] checked = withChecksum(damaged);
        Throwable thrown = catchThrowable(() -> ShardSnapshot.decode(checked, SETTINGS, T0));
        if (thrown != null) {
          failures++;
          assertThat(thrown).as("byte %d ^ %x", i, flip).isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith("corrupt shard snapshot at byte ");
        }
      }
    }
    assertThat(failures).as("damage the structure checks catch").isPositive();
  }

  @Test
  void otherFormatVersionsAreRefused() {
    byte[] bytes = ShardSnapshotTest.sample(SETTINGS).snapshot();
    bytes[5] = 2;
    assertThatThrownBy(() -> ShardSnapshot.decode(bytes, SETTINGS, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shard snapshot format version 2 is newer than this node reads (this node reads"
            + " version 1): it was written by a later Tickmesh release, which must restore it");
    bytes[5] = 0;
    assertThatThrownBy(() -> ShardSnapshot.decode(bytes, SETTINGS, T0))
        .hasMessageStartingWith("shard snapshot format version 0 is no longer supported");
  }

  @Test
  void otherBytesAreNotTakenForASnapshot() {
    byte[] text = "{\"feed\":\"nyse\",\"seq\":17}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ShardSnapshot.decode(text, SETTINGS, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a Tickmesh shard snapshot: it starts with 0x7b226665 instead of 0x544d5353"
            + " (TMSS)");
    assertThatThrownBy(() -> ShardSnapshot.decode(new byte[0], SETTINGS, T0))
        .hasMessage("not a Tickmesh shard snapshot: only 0 bytes");
  }

  private static byte[] withChecksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    int end = bytes.length - ShardSnapshot.CHECKSUM_BYTES;
    crc.update(bytes, 0, end);
    int value = (int) crc.getValue();
    for (int i = 0; i < 4; i++) {
      bytes[end + i] = (byte) (value >>> (24 - 8 * i));
    }
    return bytes;
  }
}
