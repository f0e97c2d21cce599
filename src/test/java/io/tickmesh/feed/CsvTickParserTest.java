package io.tickmesh.feed;

import static io.tickmesh.feed.TestDefaults.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTickParserTest {
  private static final String HEADER = "ts,sym,type,px,qty,bid,bidQty,ask,askQty";
  private final TestDefaults defaults = new TestDefaults();

  private static CsvTickParser parserFor(String header) {
    byte[] b = utf8(header);
    return CsvTickParser.forHeader(b, 0, b.length, () -> TestDefaults.NOW, TestDefaults.SKEW);
  }

  private static String headerReason(String header) {
    TickFormatException e = catchThrowableOfType(TickFormatException.class, () -> parserFor(header));
    assertThat(e).as(header).isNotNull();
    return e.reason();
  }

  private Tick parse(CsvTickParser parser, String line) {
    byte[] b = utf8(line);
    return parser.parse(b, 0, b.length, defaults);
  }

  private String reason(CsvTickParser parser, String line) {
    int seqCalls = defaults.seqCalls;
    TickFormatException e = catchThrowableOfType(TickFormatException.class, () -> parse(parser, line));
    assertThat(e).as(line).isNotNull();
    assertThat(defaults.seqCalls).isEqualTo(seqCalls);
    return e.reason();
  }

  private static boolean looksLikeHeader(String line) {
    byte[] b = utf8(line);
    return CsvTickParser.looksLikeCsvHeader(b, 0, b.length);
  }

  @Test
  void recognisesItsHeader() {
    assertThat(looksLikeHeader(HEADER)).isTrue();
    assertThat(looksLikeHeader("feed,seq," + HEADER)).isTrue();
    assertThat(looksLikeHeader("\uFEFF" + HEADER)).isTrue();
    assertThat(looksLikeHeader("ts,price")).isTrue(); // ours, but bad: forHeader says why
    assertThat(looksLikeHeader("{\"ts\":1,\"sym\":\"A\"}")).isFalse();
    assertThat(looksLikeHeader("time,symbol")).isFalse();
    assertThat(looksLikeHeader("ts")).isFalse();
    assertThat(looksLikeHeader("")).isFalse();
  }

  @Test
  void refusesBadHeaders() {
    assertThat(headerReason("ts,sym,type,px,qty,bid,bidQty,ask,askQty,venue"))
        .isEqualTo("CSV header: unknown column 'venue'");
    assertThat(headerReason("ts,sym,type,px,qty,bid,bidQty,ask,askQty,px"))
        .isEqualTo("CSV header: duplicate column 'px'");
    assertThat(headerReason("ts,sym,type,px,qty,bid,bidQty,ask")).isEqualTo("CSV header: missing column 'askQty'");
    assertThat(headerReason("ts,sym,type,px,qty")).isEqualTo("CSV header: missing column 'bid'");
    assertThat(headerReason(HEADER + ",feed")).isEqualTo("CSV header: a 'feed' column needs a 'seq' column");
    assertThat(headerReason("ts, sym,type,px,qty,bid,bidQty,ask,askQty"))
        .isEqualTo("CSV header: unknown column ' sym'");
    assertThat(headerReason("")).isEqualTo("CSV header: unknown column ''");
  }

  @Test
  void readsTradesAndQuotesWithoutIdentityColumns() {
    CsvTickParser parser = parserFor(HEADER);
    Tick trade = parse(parser, "2026-11-24T14:30:00.123456Z,AAPL,trade,189.23,100,,,,");
    assertThat(trade).isEqualTo(new TradeTick(TestDefaults.FEED, 1, "AAPL", 1_795_530_600_123_456_000L,
        Decimals.parse("189.23"), Decimals.parse("100")));
    Tick quote = parse(parser, "1795530600123457000,AAPL,quote,,,189.22,300,189.24,0");
    assertThat(quote).isEqualTo(new QuoteTick(TestDefaults.FEED, 2, "AAPL", 1_795_530_600_123_457_000L,
        Decimals.parse("189.22"), Decimals.parse("300"), Decimals.parse("189.24"), 0));
  }

  @Test
  void readsIdentityColumnsAnywhere() {
    CsvTickParser parser = parserFor("seq,ts,sym,type,px,qty,feed,bid,bidQty,ask,askQty");
    Tick given = parse(parser, "17,1795530600000000000,AAPL,trade,1.5e2,1,nyse,,,,");
    assertThat(given.feed()).isEqualTo("nyse");
    assertThat(given.seq()).isEqualTo(17);
    assertThat(((TradeTick) given).px()).isEqualTo(150 * Decimals.ONE);
    Tick assigned = parse(parser, ",1795530600000000000,AAPL,trade,1,1,,,,,");
    assertThat(assigned.feed()).isEqualTo(TestDefaults.FEED);
    assertThat(assigned.seq()).isEqualTo(1);
    Tick seqOnly = parse(parser, "9,1795530600000000000,AAPL,trade,1,1,,,,,");
    assertThat(seqOnly.feed()).isEqualTo(TestDefaults.FEED);
    assertThat(seqOnly.seq()).isEqualTo(9);
    assertThat(reason(parser, ",1795530600000000000,AAPL,trade,1,1,nyse,,,,"))
        .isEqualTo("seq is required when feed is given");
  }

  @Test
  void givesTheSameReasonsAsJson() {
    CsvTickParser parser = parserFor(HEADER);
    String ts = "1795530600000000000";
    assertThat(reason(parser, ts + ",AA$,trade,1,1,,,,")).isEqualTo("sym: bad character '$'");
    assertThat(reason(parser, ts + ",AÄ,trade,1,1,,,,")).isEqualTo("sym: bad character (non-ASCII)");
    assertThat(reason(parser, ts + "," + "A".repeat(33) + ",trade,1,1,,,,")).isEqualTo("sym: longer than 32 characters");
    assertThat(reason(parser, ts + ",A,bar,1,1,,,,")).isEqualTo("type: expected 'trade' or 'quote', got 'bar'");
    assertThat(reason(parser, ts + ",A,trade,1,-5,,,,")).isEqualTo("qty: must be positive, got -5");
    assertThat(reason(parser, ts + ",A,trade,NaN,1,,,,")).isEqualTo("px: not a decimal: 'NaN'");
    assertThat(reason(parser, ts + ",A,trade,1.123456789,1,,,,"))
        .isEqualTo("px: more than 8 decimal places: '1.123456789'");
    assertThat(reason(parser, ts + ",A,trade,1,1,2,,,")).isEqualTo("unexpected field 'bid' for a trade");
    assertThat(reason(parser, ts + ",A,trade,,1,,,,")).isEqualTo("px is required for a trade");
    assertThat(reason(parser, ts + ",A,quote,,,10.5,1,10.4,1")).isEqualTo("crossed quote: bid 10.5 > ask 10.4");
    assertThat(reason(parser, ",A,trade,1,1,,,,")).isEqualTo("ts is required");
    assertThat(reason(parser, "1732465000123,A,trade,1,1,,,,"))
        .isEqualTo("ts 1732465000123 is before 1990-01-01: nanoseconds since the epoch expected");
  }

  @Test
  void refusesWhatTheJsonParserRefusesOfUtf8SeqAndFeed() {
    CsvTickParser parser = parserFor("feed,seq," + HEADER);
    String rest = ",1795530600000000000,A,trade,1,1,,,,";
    byte[] bad = TickParserTest.withBytes("f,1,1795530600000000000,A@@B,trade,1,1,,,,", 0xC0, 0xAF);
    TickFormatException e = catchThrowableOfType(TickFormatException.class, () -> parser.parse(bad, 0, bad.length, defaults));
    assertThat(e.reason()).isEqualTo("not valid UTF-8 at byte 26");
    assertThat(parse(parser, "f,7" + rest).seq()).as("a CSV cell is text").isEqualTo(7);
    assertThat(reason(parser, "f,9007199254740992" + rest))
        .isEqualTo("seq: larger than 9007199254740991 (2^53-1, the largest seq accepted)");
    assertThat(reason(parser, "auto:x,1" + rest)).isEqualTo("feed: the prefix auto: is reserved for feeds the node assigns");
  }

  @Test
  void refusesWrongCellCountsAndQuotes() {
    CsvTickParser parser = parserFor(HEADER);
    String ts = "1795530600000000000";
    assertThat(reason(parser, ts + ",A,trade,1,1,,,")).isEqualTo("expected 9 CSV cells, got 8");
    assertThat(reason(parser, ts + ",A,trade,1,1,,,,,")).isEqualTo("expected 9 CSV cells, got 10");
    assertThat(reason(parser, ts + ",A$,trade,1,1")).isEqualTo("expected 9 CSV cells, got 5");
    assertThat(reason(parser, "")).isEqualTo("expected 9 CSV cells, got 1");
    assertThat(reason(parser, ts + ",\"A\",trade,1,1,,,,"))
        .isEqualTo("sym: '\"' found: quoted CSV cells are not supported");
    assertThat(reason(parser, ts + ",A,trade,1,1,,,,,\"x\"")).isEqualTo("cell 10: '\"' found: quoted CSV cells are not supported");
  }

  @Test
  void readsAFileWithCrlfThroughTheSplitter() {
    String file = "\uFEFF" + HEADER + ",feed,seq\r\n"
        + "1795530600000000000,AAPL,trade,189.23,100,,,,,,\r\n"
        + "\r\n"
        + "1795530600000000001,MSFT,quote,,,1,2,3,4,nyse,5\r\n"
        + "1795530600000000002,MSFT,trade,1,1,,,,,nyse,6";
    List<Object> seen = new ArrayList<>();
    CsvTickParser[] parser = new CsvTickParser[1];
    LineSplitter splitter = new LineSplitter(8192, new LineSink() {
      @Override
      public void line(byte[] buf, int off, int len, long lineNo) {
        if (parser[0] == null) {
          assertThat(CsvTickParser.looksLikeCsvHeader(buf, off, len)).isTrue();
          parser[0] = CsvTickParser.forHeader(buf, off, len, () -> TestDefaults.NOW, TestDefaults.SKEW);
        } else {
          seen.add(lineNo + ":" + parser[0].parse(buf, off, len, defaults));
        }
      }

      @Override
      public void tooLong(byte[] prefix, int prefixLen, long lineNo, long totalBytes) {
        seen.add("too long");
      }
    });
    byte[] bytes = utf8(file);
    for (int i = 0; i < bytes.length; i += 7) {
      splitter.accept(bytes, i, Math.min(7, bytes.length - i));
    }
    splitter.finish();
    assertThat(seen).containsExactly(
        "2:" + new TradeTick(TestDefaults.FEED, 1, "AAPL", 1_795_530_600_000_000_000L,
            Decimals.parse("189.23"), Decimals.parse("100")),
        "4:" + new QuoteTick("nyse", 5, "MSFT", 1_795_530_600_000_000_001L,
            Decimals.ONE, 2 * Decimals.ONE, 3 * Decimals.ONE, 4 * Decimals.ONE),
        "5:" + new TradeTick("nyse", 6, "MSFT", 1_795_530_600_000_000_002L, Decimals.ONE, Decimals.ONE));
  }
}
