package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickmesh.codec.JsonViews;
import io.tickmesh.model.Tick;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the JSON tick parser: any bytes are a tick or a {@link TickFormatException} with a reason, never
 * another exception, and the same one as Jackson's reader alone gives; and a tick it accepts reads back
 * the same from its own contract line.
 */
class TickParserFuzzTest {
  private final TickParser parser = new TickParser(() -> TestDefaults.NOW, TestDefaults.SKEW);

  @FuzzTest
  void anyLineIsATickOrARefusal(byte[] line) {
    TickParserProperties.assertSameAsJackson(line); // the quick reader agrees with Jackson's on every line
    Tick tick;
    try {
      tick = parser.parse(line, 0, line.length, new TestDefaults());
    } catch (TickFormatException e) {
      assertThat(e.reason()).isNotBlank();
      return;
    }
    byte[] again = JsonViews.tickLine(tick).getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parse(again, 0, again.length, new TestDefaults())).isEqualTo(tick);
  }
}
