package io.tickmesh.feed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A load run to start by hand, not a test: prints lines per second for the JSON and CSV parsers, alone
 * and behind a {@link LineSplitter}, on one thread. After {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes:<dependencies> io.tickmesh.feed.TickParserThroughput [seconds]}.
 */
public final class TickParserThroughput {
  private static final int LINES = 16_384;

  private TickParserThroughput() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes("ts,sym,type,px,qty,bid,bidQty,ask,askQty,feed,seq\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < LINES; i++) {
      String sym = "SYM" + (i % 500);
      long ts = 1_795_530_600_000_000_000L + i * 1_000_000L;
      String line = i % 3 == 0
          ? String.format("{\"feed\":\"nyse\",\"seq\":%d,\"sym\":\"%s\",\"ts\":\"2026-11-24T14:30:%02d.%06dZ\","
              + "\"type\":\"trade\",\"px\":\"%d.%02d\",\"qty\":\"%d\"}", i + 1, sym, i % 60, i, 100 + i % 90, i % 100, 1 + i % 500)
          : String.format("{\"feed\":\"nyse\",\"seq\":%d,\"sym\":\"%s\",\"ts\":%d,\"type\":\"quote\","
              + "\"bid\":%d.%02d,\"bidQty\":%d,\"ask\":\"%d.%02d\",\"askQty\":\"%d\"}",
              i + 1, sym, ts, 100 + i % 90, i % 100, 100 + i % 7, 101 + i % 90, i % 100, 200 + i % 3);
      json.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
      String row = i % 3 == 0
          ? String.format("%d,%s,trade,%d.%02d,%d,,,,,nyse,%d", ts, sym, 100 + i % 90, i % 100, 1 + i % 500, i + 1)
          : String.format("%d,%s,quote,,,%d.%02d,%d,%d.%02d,%d,nyse,%d", ts, sym, 100 + i % 90, i % 100,
              100 + i % 7, 101 + i % 90, i % 100, 200 + i % 3, i + 1);
      csv.writeBytes((row + "\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] jsonBytes = json.toByteArray();
    byte[] csvBytes = csv.toByteArray();
    System.out.printf("%d lines, %d bytes of JSON, %d bytes of CSV, %.1f s per run%n",
        LINES, jsonBytes.length, csvBytes.length, seconds);
    for (int round = 0; round < 2; round++) {
      String label = round == 0 ? "warm-up" : "measured";
      report(label + " JSON", run(jsonBytes, false, seconds), jsonBytes.length);
      report(label + " CSV ", run(csvBytes, true, seconds), csvBytes.length);
    }
  }

  private static long wallClockNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  private static void report(String label, double linesPerSecond, int bytes) {
    System.out.printf("%s: %,.0f lines/s (%.0f MB/s)%n",
        label, linesPerSecond, linesPerSecond * bytes / LINES / 1e6);
  }

  /** Splits and parses the whole input over and over for about {@code seconds}; returns lines per second. */
  private static double run(byte[] input, boolean csv, double seconds) {
    TestDefaults defaults = new TestDefaults();
    TickParser json = new TickParser(TickParserThroughput::wallClockNanos, 5_000_000_000L);
    CsvTickParser[] csvParser = new CsvTickParser[1];
    long[] count = new long[2];
    LineSink sink = new LineSink() {
      @Override
      public void line(byte[] buf, int off, int len, long lineNo) {
        if (csv && csvParser[0] == null) {
          csvParser[0] = CsvTickParser.forHeader(buf, off, len, TickParserThroughput::wallClockNanos, 5_000_000_000L);
          return;
        }
        var tick = csv ? csvParser[0].parse(buf, off, len, defaults) : json.parse(buf, off, len, defaults);
        count[0]++;
        count[1] += tick.ts() & 1; // keep the result alive
      }

      @Override
      public void tooLong(byte[] prefix, int prefixLen, long lineNo, long totalBytes) {
        throw new IllegalStateException("line " + lineNo + " too long");
      }
    };
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline) {
      csvParser[0] = null;
      LineSplitter splitter = new LineSplitter(8192, sink);
      for (int off = 0; off < input.length; off += 65_536) {
        splitter.accept(input, off, Math.min(65_536, input.length - off));
      }
      splitter.finish();
    }
    return count[0] / ((System.nanoTime() - start) / 1e9);
  }
}
