package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzzes the line framing of the TCP feed and file replay: whatever the bytes and wherever the chunks
 * end, the splitter passes the lines (and reports the oversized ones) that splitting the whole stream at
 * once gives, and never throws.
 */
class LineSplitterFuzzTest {
  @FuzzTest
  void anyChunkingGivesTheLinesOfTheWholeStream(FuzzedDataProvider data) {
    int maxLineBytes = data.consumeInt(1, 2048);
    int[] cuts = data.consumeInts(8);
    byte[] stream = data.consumeRemainingAsBytes();
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = Math.floorMod(cuts[i], stream.length + 1);
    }
    Arrays.sort(cuts);
    assertThat(RecordingSink.split(maxLineBytes, stream, cuts))
        .isEqualTo(RecordingSink.reference(maxLineBytes, stream));
  }
}
