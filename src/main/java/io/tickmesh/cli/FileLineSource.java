package io.tickmesh.cli;

import io.tickmesh.feed.CsvTickParser;
import io.tickmesh.feed.FeedIds;
import io.tickmesh.feed.LineSink;
import io.tickmesh.feed.LineSplitter;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lines of a JSON-lines or CSV file, each given an identity so acks can be followed and a resend is
 * recognised: a JSON line without {@code feed} and {@code seq} gets {@code "feed":<id>,"seq":<line
 * number>}; a CSV file without those columns gets them appended. Lines that already carry both keep
 * them. Reads block: used on a worker only.
 */
final class FileLineSource extends ChunkedLineSource implements LineSink {
  private static final int READ_BYTES = 256 * 1024;

  private final String feed;
  private final String feedJson;
  private final long expected;
  private final LineSplitter splitter = new LineSplitter(1 << 20, this);
  private boolean first = true;
  private boolean csv;
  private boolean csvHasIdentity;
  private int csvFeedColumn = -1;
  private int csvSeqColumn = -1;

  /** Lines of {@code file}; {@code feed} must be a valid feed id (it is pasted into CSV rows as is). */
  FileLineSource(Path file, String feed) throws IOException {
    super(open(file, feed), READ_BYTES);
    this.feed = feed;
    this.feedJson = Json.encode(feed);
    this.expected = countLines(file);
  }

  /** The file, once {@code feed} is known to be a valid feed id. */
  private static InputStream open(Path file, String feed) throws IOException {
    String problem = FeedIds.problem(feed);
    if (problem != null) {
      throw new IllegalArgumentException("not a valid feed id: " + problem);
    }
    return Files.newInputStream(file);
  }

  private static long countLines(Path file) throws IOException {
    long lines = 0;
    byte[] chunk = new byte[READ_BYTES];
    try (InputStream counting = Files.newInputStream(file)) {
      for (int n = counting.read(chunk); n >= 0; n = counting.read(chunk)) {
        for (int i = 0; i < n; i++) {
          if (chunk[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }

  /** A feed id derived from a file name: its safe characters, at most 64. */
  static String feedIdFor(Path file) {
    String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    String id = "replay." + name;
    return id.length() > 64 ? id.substring(0, 64) : id;
  }

  @Override
  void chunk(byte[] b, int off, int len) {
    splitter.accept(b, off, len);
  }

  @Override
  void finish() {
    splitter.finish();
  }

  @Override
  public long expected() {
    return expected;
  }

  @Override
  public void line(byte[] buf, int off, int len, long lineNo) {
    if (first) {
      first = false;
      if (CsvTickParser.looksLikeCsvHeader(buf, off, len)) {
        csvHeader(new String(buf, off, len, StandardCharsets.UTF_8));
        return;
      }
    }
    ready(csv ? csvRow(buf, off, len, lineNo) : jsonLine(buf, off, len, lineNo));
  }

  @Override
  public void tooLong(byte[] prefix, int prefixLen, long lineNo, long totalBytes) {
    // The node refuses it as it refuses any broken line; send what is left of it.
    byte[] copy = new byte[prefixLen];
    System.arraycopy(prefix, 0, copy, 0, prefixLen);
    ready(new OutLine(feed, 0, copy));
  }

  private void csvHeader(String header) {
    csv = true;
    String[] columns = header.trim().split(",", -1);
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].trim().equals("feed")) {
        csvFeedColumn = i;
      } else if (columns[i].trim().equals("seq")) {
        csvSeqColumn = i;
      }
    }
    csvHasIdentity = csvFeedColumn >= 0 && csvSeqColumn >= 0;
    String sent = csvHasIdentity ? header : header + ",feed,seq";
    ready(new OutLine(feed, 0, sent.getBytes(StandardCharsets.UTF_8), true));
  }

  private OutLine csvRow(byte[] buf, int off, int len, long lineNo) {
    String row = new String(buf, off, len, StandardCharsets.UTF_8);
    if (!csvHasIdentity) {
      return new OutLine(feed, lineNo, (row + "," + feed + "," + lineNo).getBytes(StandardCharsets.UTF_8));
    }
    String[] cells = row.split(",", -1);
    if (cells.length <= Math.max(csvFeedColumn, csvSeqColumn)) {
      return new OutLine(feed, 0, row.getBytes(StandardCharsets.UTF_8));
    }
    return new OutLine(cells[csvFeedColumn].trim(), parseSeq(cells[csvSeqColumn].trim()), row.getBytes(StandardCharsets.UTF_8));
  }

  private OutLine jsonLine(byte[] buf, int off, int len, long lineNo) {
    String line = new String(buf, off, len, StandardCharsets.UTF_8);
    boolean hasFeed = line.contains("\"feed\"");
    boolean hasSeq = line.contains("\"seq\"");
    int brace = line.indexOf('{');
    if (!hasFeed && !hasSeq && brace >= 0) {
      String rest = line.substring(brace + 1);
      String identity = "\"feed\":" + feedJson + ",\"seq\":" + lineNo;
      String sep = rest.trim().startsWith("}") ? "" : ",";
      String injected = line.substring(0, brace + 1) + identity + sep + rest;
      return new OutLine(feed, lineNo, injected.getBytes(StandardCharsets.UTF_8));
    }
    if (hasFeed && hasSeq) {
      return new OutLine(stringAfter(line, "\"feed\""), parseSeq(numberAfter(line, "\"seq\"")), copy(buf, off, len));
    }
    return new OutLine(feed, 0, copy(buf, off, len));
  }

  private static String stringAfter(String line, String key) {
    int k = line.indexOf(key);
    int open = line.indexOf('"', line.indexOf(':', k) + 1);
    int close = open < 0 ? -1 : line.indexOf('"', open + 1);
    return close < 0 ? "" : line.substring(open + 1, close);
  }

  private static String numberAfter(String line, String key) {
    int i = line.indexOf(':', line.indexOf(key)) + 1;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '"')) {
      i++;
    }
    int start = i;
    while (i < line.length() && Character.isDigit(line.charAt(i))) {
      i++;
    }
    return line.substring(start, i);
  }

  private static long parseSeq(String text) {
    try {
      return Math.max(0, Long.parseLong(text));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static byte[] copy(byte[] buf, int off, int len) {
    byte[] out = new byte[len];
    System.arraycopy(buf, off, out, 0, len);
    return out;
  }
}
