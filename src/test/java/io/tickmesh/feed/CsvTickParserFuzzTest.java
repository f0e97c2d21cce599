package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickmesh.model.Tick;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the CSV tick parser: the first line of the input is a header, the others data lines. A header is
 * a parser or a {@link TickFormatException}; each data line is a tick or a {@link TickFormatException}
 * with a reason, never another exception, and one bad line does not keep the next from being read.
 */
class CsvTickParserFuzzTest {
  @FuzzTest
  void anyFileIsTicksAndRefusals(byte[] file) {
    List<int[]> lines = lines(file);
    int[] header = lines.get(0);
    CsvTickParser parser;
    try {
      parser = CsvTickParser.forHeader(file, header[0], header[1], () -> TestDefaults.NOW, TestDefaults.SKEW);
    } catch (TickFormatException e) {
      assertThat(e.reason()).startsWith("CSV header: ");
      return;
    }
    TestDefaults defaults = new TestDefaults();
    for (int[] line : lines.subList(1, lines.size())) {
      try {
        Tick tick = parser.parse(file, line[0], line[1], defaults);
        assertThat(tick.seq()).isPositive();
      } catch (TickFormatException e) {
        assertThat(e.reason()).isNotBlank();
      }
    }
  }

  /** Offset and length of each line, newlines left out. */
  private static List<int[]> lines(byte[] file) {
    List<int[]> lines = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= file.length; i++) {
      if (i == file.length || file[i] == '\n') {
        lines.add(new int[] {from, i - from});
        from = i + 1;
      }
    }
    return lines;
  }
}
