package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class LineSplitterProperties {
  @Provide
  Arbitrary<byte[]> streams() {
    // Mostly letters, with newlines and CRs common enough to make short, blank and CRLF lines.
    Arbitrary<Byte> b = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, Arbitraries.bytes().between((byte) 'a', (byte) 'e')),
        net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) '\n')),
        net.jqwik.api.Tuple.of(2, Arbitraries.just((byte) '\r')),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
    return b.array(byte[].class).ofMaxSize(400);
  }

  @Property
  void anyChunkingGivesTheLinesOfTheWholeStream(
      @ForAll("streams") byte[] bytes,
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 400) Integer> cutPoints,
      @ForAll @IntRange(min = 1, max = 40) int maxLineBytes) {
    int[] cuts = cutPoints.stream().mapToInt(c -> Math.min(c, bytes.length)).sorted().toArray();
    assertThat(RecordingSink.split(maxLineBytes, bytes, cuts))
        .isEqualTo(RecordingSink.reference(maxLineBytes, bytes));
  }

  @Property
  void longLinesKeepA1024BytePrefix(
      @ForAll @IntRange(min = 1, max = 3000) int lineLength,
      @ForAll @IntRange(min = 1, max = 700) int chunk) {
    byte[] bytes = new byte[lineLength + 3];
    for (int i = 0; i < lineLength; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    bytes[lineLength] = '\n';
    bytes[lineLength + 1] = 'z';
    bytes[lineLength + 2] = '\n';
    int[] cuts = new int[bytes.length / chunk];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = (i + 1) * chunk;
    }
    assertThat(RecordingSink.split(100, bytes, cuts)).isEqualTo(RecordingSink.reference(100, bytes));
  }
}
