package io.tickmesh.feed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes down what a splitter passes on, as text: {@code 3:line} and {@code 4:tooLong(total):prefix}. */
final class RecordingSink implements LineSink {
  final List<String> events = new ArrayList<>();
  final List<byte[]> lineArrays = new ArrayList<>();

  @Override
  public void line(byte[] buf, int off, int len, long lineNo) {
    events.add(lineNo + ":" + new String(buf, off, len, StandardCharsets.ISO_8859_1));
    lineArrays.add(buf);
  }

  @Override
  public void tooLong(byte[] prefix, int prefixLen, long lineNo, long totalBytes) {
    events.add(lineNo + ":tooLong(" + totalBytes + "):" + new String(prefix, 0, prefixLen, StandardCharsets.ISO_8859_1));
  }

  /** Splits {@code bytes} in the chunks that start at the given cut positions. */
  static List<String> split(int maxLineBytes, byte[] bytes, int... cuts) {
    RecordingSink sink = new RecordingSink();
    LineSplitter splitter = new LineSplitter(maxLineBytes, sink);
    int from = 0;
    for (int cut : cuts) {
      splitter.accept(bytes, from, cut - from);
      from = cut;
    }
    splitter.accept(bytes, from, bytes.length - from);
    splitter.finish();
    return sink.events;
  }

  /** The obvious reference: the whole stream at once, split with String methods. */
  static List<String> reference(int maxLineBytes, byte[] bytes) {
    List<String> events = new ArrayList<>();
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\n", -1);
    int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
    for (int i = 0; i < count; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.length() > maxLineBytes) {
        String prefix = line.substring(0, Math.min(LineSplitter.PREFIX_BYTES, line.length()));
        events.add((i + 1) + ":tooLong(" + line.length() + "):" + prefix);
      } else if (!line.isEmpty()) {
        events.add((i + 1) + ":" + line);
      }
    }
    return events;
  }
}
