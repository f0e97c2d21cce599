package io.tickmesh.feed;

import static io.tickmesh.feed.TestDefaults.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import org.junit.jupiter.api.Test;

class TickParserTest {
  private static final String TRADE =
      "\"sym\":\"AAPL\",\"ts\":\"2026-11-24T14:30:00.123456Z\",\"type\":\"trade\"";
  private static final String QUOTE =
      "\"sym\":\"AAPL\",\"ts\":1795530600123457000,\"type\":\"quote\"";

  private final TickParser parser = new TickParser(() -> TestDefaults.NOW, TestDefaults.SKEW);
  private final TestDefaults defaults = new TestDefaults();

  private Tick parse(String line) {
    byte[] b = utf8(line);
    return parser.parse(b, 0, b.length, defaults);
  }

  private TickFormatException refusal(String line) {
    int seqCalls = defaults.seqCalls;
    TickFormatException e = catchThrowableOfType(TickFormatException.class, () -> parse(line));
    assertThat(e).as("refusal of %s", line).isNotNull();
    assertThat(e.getStackTrace()).isEmpty();
    assertThat(defaults.seqCalls).as("no seq assigned to a refused line").isEqualTo(seqCalls);
    return e;
  }

  private String reason(String line) {
    return refusal(line).reason();
  }

  private static long dec(String text) {
    return Decimals.parse(text);
  }

  @Test
  void readsTheContractExamples() {
    Tick trade = parse("{\"feed\":\"nyse\",\"seq\":17,\"sym\":\"AAPL\",\"ts\":\"2026-11-24T14:30:00.123456Z\","
        + "\"type\":\"trade\",\"px\":\"189.23\",\"qty\":\"100\"}");
    assertThat(trade).isEqualTo(
        new TradeTick("nyse", 17, "AAPL", 1_795_530_600_123_456_000L, dec("189.23"), dec("100")));
    Tick quote = parse("{\"feed\":\"nyse\",\"seq\":18,\"sym\":\"AAPL\",\"ts\":1795530600123457000,"
        + "\"type\":\"quote\",\"bid\":\"189.22\",\"bidQty\":\"300\",\"ask\":\"189.24\",\"askQty\":\"200\"}");
    assertThat(quote).isEqualTo(new QuoteTick("nyse", 18, "AAPL", 1_795_530_600_123_457_000L,
        dec("189.22"), dec("300"), dec("189.24"), dec("200")));
    assertThat(defaults.seqCalls).isZero();
  }

  @Test
  void readsJsonNumbersExactlyFromTheirText() {
    TradeTick t = (TradeTick) parse("{" + TRADE + ",\"px\":189.23,\"qty\":1.5e2}");
    assertThat(t.px()).isEqualTo(dec("189.23"));
    assertThat(t.qty()).isEqualTo(150 * Decimals.ONE);
    t = (TradeTick) parse("{" + TRADE + ",\"px\":0.1,\"qty\":1E+2}");
    assertThat(t.px()).isEqualTo(10_000_000L);
    assertThat(t.qty()).isEqualTo(100 * Decimals.ONE);
    t = (TradeTick) parse("{" + TRADE + ",\"px\":92233720368.54775807,\"qty\":\"1e-8\"}");
    assertThat(t.px()).isEqualTo(Long.MAX_VALUE);
    assertThat(t.qty()).isEqualTo(1L);
  }

  @Test
  void readsTsInEveryEncoding() {
    String line = "{\"sym\":\"A\",\"type\":\"trade\",\"px\":1,\"qty\":1,\"ts\":%s}";
    long expected = 1_795_530_600_123_457_000L;
    assertThat(parse(line.formatted("1795530600123457000")).ts()).isEqualTo(expected);
    assertThat(parse(line.formatted("\"1795530600123457000\"")).ts()).isEqualTo(expected);
    assertThat(parse(line.formatted("\"2026-11-24T14:30:00.123457Z\"")).ts()).isEqualTo(expected);
    assertThat(parse(line.formatted("\"2026-11-24T16:30:00.123457+02:00\"")).ts()).isEqualTo(expected);
  }

  @Test
  void refusesTsOutOfRangeOrAheadOfTheClock() {
    String line = "{\"sym\":\"A\",\"type\":\"trade\",\"px\":1,\"qty\":1,\"ts\":%s}";
    assertThat(reason(line.formatted("1732465000123")))
        .isEqualTo("ts 1732465000123 is before 1990-01-01: nanoseconds since the epoch expected");
    assertThat(reason(line.formatted("\"1732465000\"")))
        .isEqualTo("ts 1732465000 is before 1990-01-01: nanoseconds since the epoch expected");
    assertThat(reason(line.formatted("-5"))).startsWith("ts -5 is before 1990-01-01");
    assertThat(reason(line.formatted("99999999999999999999")))
        .isEqualTo("ts '99999999999999999999' is not before 2262-04-11");
    assertThat(reason(line.formatted("\"1980-01-01T00:00:00Z\"")))
        .isEqualTo("ts '1980-01-01T00:00:00Z' is before 1990-01-01");
    assertThat(reason(line.formatted("1.7955306e18")))
        .isEqualTo("ts: expected integer nanoseconds since the epoch or ISO-8601 text, got '1.7955306e18'");
    assertThat(reason(line.formatted("\"2026-11-24 14:30:00Z\"")))
        .startsWith("ts: not an ISO-8601 timestamp '2026-11-24 14:30:00Z': expected YYYY-MM-DD");
    assertThat(reason(line.formatted("\"2026-13-24T14:30:00Z\"")))
        .isEqualTo("ts: bad month in '2026-13-24T14:30:00Z'");
    assertThat(reason(line.formatted("\"2026-11-24T14:30:06Z\"")))
        .isEqualTo("ts 2026-11-24T14:30:06Z is more than 5000 ms ahead of this node's clock");
    assertThat(parse(line.formatted("\"2026-11-24T14:30:05Z\"")).ts()).isEqualTo(TestDefaults.NOW + TestDefaults.SKEW);
  }

  @Test
  void refusesBadDecimals() {
    assertThat(reason("{" + TRADE + ",\"px\":\"NaN\",\"qty\":1}")).isEqualTo("px: not a decimal: 'NaN'");
    assertThat(reason("{" + TRADE + ",\"px\":NaN,\"qty\":1}")).startsWith("px: bad JSON: Non-standard token 'NaN'");
    assertThat(reason("{" + TRADE + ",\"px\":-Infinity,\"qty\":1}")).startsWith("px: bad JSON: Non-standard token");
    assertThat(reason("{" + TRADE + ",\"px\":\"Infinity\",\"qty\":1}")).isEqualTo("px: not a decimal: 'Infinity'");
    assertThat(reason("{" + TRADE + ",\"px\":1,\"qty\":\"abc\"}")).isEqualTo("qty: not a decimal: 'abc'");
    assertThat(reason("{" + TRADE + ",\"px\":1,\"qty\":\"\"}")).isEqualTo("qty: empty decimal");
    assertThat(reason("{" + TRADE + ",\"px\":1.123456789,\"qty\":1}"))
        .isEqualTo("px: more than 8 decimal places: '1.123456789'");
    assertThat(reason("{" + TRADE + ",\"px\":\"0.000000001\",\"qty\":1}"))
        .isEqualTo("px: more than 8 decimal places: '0.000000001'");
    assertThat(reason("{" + TRADE + ",\"px\":1e20,\"qty\":1}")).isEqualTo("px: decimal out of range: '1e20'");
    assertThat(reason("{" + TRADE + ",\"px\":\"92233720368.54775808\",\"qty\":1}"))
        .isEqualTo("px: decimal out of range: '92233720368.54775808'");
    assertThat(reason("{" + TRADE + ",\"px\":\"" + "1".repeat(65) + "\",\"qty\":1}"))
        .isEqualTo("px: decimal longer than 64 characters");
    assertThat(reason("{" + TRADE + ",\"px\":01,\"qty\":1}")).startsWith("px: bad JSON: Invalid numeric value: Leading zeroes");
  }

  @Test
  void refusesNegativeAndZeroAmounts() {
    assertThat(reason("{" + TRADE + ",\"px\":1,\"qty\":-5}")).isEqualTo("qty: must be positive, got -5");
    assertThat(reason("{" + TRADE + ",\"px\":1,\"qty\":\"0\"}")).isEqualTo("qty: must be positive, got 0");
    assertThat(reason("{" + TRADE + ",\"px\":-0.5,\"qty\":1}")).isEqualTo("px: must be positive, got -0.5");
    assertThat(reason("{" + QUOTE + ",\"bid\":0,\"bidQty\":1,\"ask\":1,\"askQty\":1}"))
        .isEqualTo("bid: must be positive, got 0");
    assertThat(reason("{" + QUOTE + ",\"bid\":1,\"bidQty\":-1,\"ask\":1,\"askQty\":1}"))
        .isEqualTo("bidQty: must not be negative, got -1");
    assertThat(reason("{" + QUOTE + ",\"bid\":1,\"bidQty\":1,\"ask\":1,\"askQty\":\"-0.01\"}"))
        .isEqualTo("askQty: must not be negative, got -0.01");
    QuoteTick empty = (QuoteTick) parse("{" + QUOTE + ",\"bid\":1,\"bidQty\":0,\"ask\":1,\"askQty\":0}");
    assertThat(empty.bidQty()).isZero();
  }

  @Test
  void refusesCrossedQuotesButNotLockedOnes() {
    assertThat(reason("{" + QUOTE + ",\"bid\":\"10.5\",\"bidQty\":1,\"ask\":\"10.4\",\"askQty\":1}"))
        .isEqualTo("crossed quote: bid 10.5 > ask 10.4");
    assertThat(parse("{" + QUOTE + ",\"bid\":\"10.5\",\"bidQty\":1,\"ask\":\"10.50\",\"askQty\":1}"))
        .isInstanceOf(QuoteTick.class);
  }

  @Test
  void namesMissingAndForeignFields() {
    assertThat(reason("{\"sym\":\"A\",\"ts\":1795530600000000000,\"px\":1,\"qty\":1}")).isEqualTo("type is required");
    assertThat(reason("{\"type\":\"trade\",\"ts\":1795530600000000000,\"px\":1,\"qty\":1}")).isEqualTo("sym is required");
    assertThat(reason("{\"type\":\"trade\",\"sym\":\"A\",\"px\":1,\"qty\":1}")).isEqualTo("ts is required");
    assertThat(reason("{" + TRADE + ",\"qty\":1}")).isEqualTo("px is required for a trade");
    assertThat(reason("{" + TRADE + ",\"px\":1}")).isEqualTo("qty is required for a trade");
    assertThat(reason("{" + QUOTE + ",\"bid\":1,\"bidQty\":1,\"ask\":1}")).isEqualTo("askQty is required for a quote");
    assertThat(reason("{" + TRADE + ",\"px\":1,\"qty\":1,\"bid\":1}")).isEqualTo("unexpected field 'bid' for a trade");
    assertThat(reason("{" + QUOTE + ",\"px\":1,\"bid\":1,\"bidQty\":1,\"ask\":1,\"askQty\":1}"))
        .isEqualTo("unexpected field 'px' for a quote");
    assertThat(reason("{\"px\":1,\"qty\":1," + TRADE.replace("\"trade\"", "\"bar\"") + "}"))
        .isEqualTo("type: expected 'trade' or 'quote', got 'bar'");
    assertThat(reason("{\"type\":\"Trade\"}")).isEqualTo("type: expected 'trade' or 'quote', got 'Trade'");
    assertThat(reason("{\"type\":1}")).isEqualTo("type: expected a string");
  }

  @Test
  void takesNullAsAbsent() {
    Tick t = parse("{" + TRADE + ",\"px\":1,\"qty\":1,\"bid\":null,\"feed\":null,\"seq\":null}");
    assertThat(t.feed()).isEqualTo(TestDefaults.FEED);
    assertThat(t.seq()).isEqualTo(1);
    assertThat(reason("{" + TRADE + ",\"px\":null,\"qty\":1}")).isEqualTo("px is required for a trade");
  }

  @Test
  void checksSymbols() {
    String line = "{\"type\":\"trade\",\"ts\":1795530600000000000,\"px\":1,\"qty\":1,\"sym\":%s}";
    assertThat(parse(line.formatted("\"BRK.B-x_1:US/2\"")).symbol()).isEqualTo("BRK.B-x_1:US/2");
    assertThat(parse(line.formatted("\"" + "A".repeat(32) + "\"")).symbol()).hasSize(32);
    assertThat(reason(line.formatted("\"AA$\""))).isEqualTo("sym: bad character '$'");
    assertThat(reason(line.formatted("\"A B\""))).isEqualTo("sym: bad character ' '");
    assertThat(reason(line.formatted("\"A\\tB\""))).isEqualTo("sym: bad character U+0009");
    assertThat(reason(line.formatted("\"AÄ\""))).isEqualTo("sym: bad character (non-ASCII)");
    assertThat(reason(line.formatted("\"" + "A".repeat(33) + "\""))).isEqualTo("sym: longer than 32 characters");
    assertThat(reason(line.formatted("\"\""))).isEqualTo("sym: empty");
    assertThat(reason(line.formatted("42"))).isEqualTo("sym: expected a string");
    assertThat(reason(line.formatted("[\"A\"]"))).isEqualTo("sym: expected a string");
  }

  @Test
  void fillsIdentityFromDefaultsByTheRules() {
    String body = TRADE + ",\"px\":1,\"qty\":1";
    Tick both = parse("{" + body + "}");
    assertThat(both.feed()).isEqualTo(TestDefaults.FEED);
    assertThat(both.seq()).isEqualTo(1);
    assertThat(parse("{" + body + "}").seq()).isEqualTo(2);
    Tick seqOnly = parse("{" + body + ",\"seq\":40}");
    assertThat(seqOnly.feed()).isEqualTo(TestDefaults.FEED);
    assertThat(seqOnly.seq()).isEqualTo(40);
    assertThat(defaults.seqCalls).isEqualTo(2);
    Tick given = parse("{" + body + ",\"feed\":\"nyse\",\"seq\":" + io.tickmesh.model.Tick.MAX_SEQ + "}");
    assertThat(given.feed()).isEqualTo("nyse");
    assertThat(given.seq()).isEqualTo(io.tickmesh.model.Tick.MAX_SEQ);
    defaults.seqCalls = 0;
    TickFormatException e = refusal("{" + body + ",\"feed\":\"nyse\"}");
    assertThat(e.reason()).isEqualTo("seq is required when feed is given");
    assertThat(e.feed()).isEqualTo("nyse");
    assertThat(e.seq()).isZero();
  }

  @Test
  void checksFeedAndSeq() {
    String body = "{" + TRADE + ",\"px\":1,\"qty\":1,\"seq\":1,\"feed\":%s}";
    assertThat(parse(body.formatted("\"" + "f".repeat(64) + "\"")).feed()).hasSize(64);
    assertThat(reason(body.formatted("\"" + "f".repeat(65) + "\""))).isEqualTo("feed: longer than 64 characters");
    assertThat(reason(body.formatted("\"ny se\""))).isEqualTo("feed: bad character ' '");
    assertThat(reason(body.formatted("\"\""))).isEqualTo("feed: empty");
    assertThat(reason(body.formatted("7"))).isEqualTo("feed: expected a string");
    String seq = "{" + TRADE + ",\"px\":1,\"qty\":1,\"seq\":%s}";
    assertThat(reason(seq.formatted("0"))).isEqualTo("seq: must be positive, got 0");
    assertThat(reason(seq.formatted("-3"))).isEqualTo("seq: expected a positive integer, got '-3'");
    assertThat(reason(seq.formatted("1.5"))).isEqualTo("seq: expected a positive integer, got '1.5'");
    assertThat(reason(seq.formatted("\"x1\""))).isEqualTo("seq: expected a JSON integer, got a string");
    assertThat(reason(seq.formatted("9223372036854775808"))).isEqualTo("seq: larger than 9007199254740991 (2^53-1, the largest seq accepted)");
    assertThat(reason(seq.formatted("true"))).isEqualTo("seq: expected a JSON integer");
  }

  @Test
  void carriesTheIdentityReadBeforeTheFailure() {
    TickFormatException e = refusal("{\"feed\":\"nyse\",\"seq\":18,\"sym\":\"A$\"}");
    assertThat(e.feed()).isEqualTo("nyse");
    assertThat(e.seq()).isEqualTo(18);
    e = refusal("{\"sym\":\"A$\",\"feed\":\"nyse\",\"seq\":18}");
    assertThat(e.feed()).isNull();
    assertThat(e.seq()).isZero();
    e = refusal("{\"seq\":18," + TRADE + "}");
    assertThat(e.reason()).isEqualTo("px is required for a trade");
    assertThat(e.feed()).isNull();
    assertThat(e.seq()).isEqualTo(18);
  }

  @Test
  void refusesUnknownDuplicateAndNestedFields() {
    assertThat(reason("{" + TRADE + ",\"px\":1,\"qty\":1,\"foo\":1}")).isEqualTo("unknown field 'foo'");
    assertThat(reason("{\"PX\":1}")).isEqualTo("unknown field 'PX'");
    assertThat(reason("{\"" + "k".repeat(100) + "\":1}")).isEqualTo("unknown field '" + "k".repeat(64) + "...'");
    assertThat(reason("{" + TRADE + ",\"px\":1,\"qty\":1,\"px\":2}")).isEqualTo("duplicate field 'px'");
    assertThat(reason("{" + TRADE + ",\"px\":null,\"qty\":1,\"px\":2}")).isEqualTo("duplicate field 'px'");
    assertThat(reason("{" + TRADE + ",\"px\":{\"v\":1},\"qty\":1}")).isEqualTo("px: expected a string or number");
    assertThat(reason("{" + TRADE + ",\"px\":[1],\"qty\":1}")).isEqualTo("px: expected a string or number");
    assertThat(reason("{" + TRADE + ",\"px\":true,\"qty\":1}")).isEqualTo("px: expected a string or number");
    assertThat(reason("{\"ts\":{}}")).isEqualTo("ts: expected a string or number");
  }

  @Test
  void refusesWhatIsNotOneJsonObject() {
    assertThat(reason("[1,2]")).isEqualTo("not a JSON object");
    assertThat(reason("\"trade\"")).isEqualTo("not a JSON object");
    assertThat(reason("42")).isEqualTo("not a JSON object");
    assertThat(reason("")).isEqualTo("empty line: expected a JSON object");
    assertThat(reason("   ")).isEqualTo("empty line: expected a JSON object");
    String ok = "{" + TRADE + ",\"px\":1,\"qty\":1}";
    assertThat(reason(ok + " {}")).isEqualTo("trailing content after the JSON object");
    assertThat(reason(ok + "}")).isEqualTo("trailing content after the JSON object");
    assertThat(reason(ok + "x")).isEqualTo("trailing content after the JSON object");
    assertThat(parse(ok + "  \t").symbol()).isEqualTo("AAPL");
  }

  @Test
  void reportsMalformedJsonWithJacksonsFirstLineOnly() {
    String[] lines = {
      "{\"type\":\"trade\"", "{\"type\":\"trade\",}", "{type:\"trade\"}", "{'type':'trade'}", "{\"px\":1 /* c */}",
      "{\"sym\":\"A\\q\"}", "{\"sym\":\"A", "{\"px\":+1}", "{\"px\":1.}", "nonsense", "{\"sym\":\"A\nB\"}"
    };
    for (String line : lines) {
      String reason = reason(line);
      assertThat(reason).as(line).contains("bad JSON: ").doesNotContain("\n").doesNotContain("Source")
          .doesNotContain("line:");
    }
    assertThat(reason("{\"type\":\"trade\""))
        .isEqualTo("bad JSON: Unexpected end-of-input: expected close marker for Object");
    assertThat(reason("{\"sym\":\"A\\q\"}")).isEqualTo("sym: bad JSON: Unrecognized character escape 'q' (code 113)");
    byte[] badUtf8 = {'{', '"', 's', 'y', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    TickFormatException e = catchThrowableOfType(TickFormatException.class,
        () -> parser.parse(badUtf8, 0, badUtf8.length, defaults));
    assertThat(e.reason()).as("checked before Jackson reads it").isEqualTo("not valid UTF-8 at byte 9");
  }

  @Test
  void readsTheLineFromWithinALargerBuffer() {
    byte[] buf = utf8("garbage{" + TRADE + ",\"px\":2,\"qty\":3}garbage");
    Tick t = parser.parse(buf, 7, buf.length - 14, defaults);
    assertThat(((TradeTick) t).px()).isEqualTo(2 * Decimals.ONE);
  }

  @Test
  void refusesAHugeGarbageLineQuickly() {
    String line = "{\"sym\":\"" + "x".repeat(10_000) + "\"}";
    assertThat(reason(line)).isEqualTo("sym: longer than 32 characters");
    assertThat(reason("{\"px\":\"" + "9".repeat(10_000) + "\"}")).isEqualTo("px: decimal longer than 64 characters");
  }

  /** The line with {@code replacement} put in place of {@code "@@"}, which marks where it goes. */
  static byte[] withBytes(String line, int... replacement) {
    String marked = line.replace("@@", "@".repeat(replacement.length));
    byte[] b = utf8(marked);
    int at = marked.indexOf('@');
    for (int i = 0; i < replacement.length; i++) {
      b[at + i] = (byte) replacement[i];
    }
    return b;
  }

  private String reasonOfBytes(byte[] line) {
    TickFormatException e = catchThrowableOfType(TickFormatException.class, () -> parser.parse(line, 0, line.length, defaults));
    assertThat(e).as("refusal").isNotNull();
    return e.reason();
  }

  @Test
  void refusesBytesThatAreNotStrictUtf8() {
    String line = "{" + TRADE.replace("AAPL", "A@@B") + ",\"px\":1,\"qty\":1}";
    int at = line.indexOf("@@") + 1; // counted from 1
    assertThat(reasonOfBytes(withBytes(line, 0xC0, 0xAF))).as("an overlong '/'").isEqualTo("not valid UTF-8 at byte " + at);
    assertThat(reasonOfBytes(withBytes(line, 0xE0, 0x80, 0xAF))).as("overlong, three bytes").isEqualTo("not valid UTF-8 at byte " + at);
    assertThat(reasonOfBytes(withBytes(line, 0xED, 0xA0, 0x80))).as("a surrogate").isEqualTo("not valid UTF-8 at byte " + at);
    assertThat(reasonOfBytes(withBytes(line, 0xF4, 0x90, 0x80, 0x80))).as("above U+10FFFF").isEqualTo("not valid UTF-8 at byte " + at);
    assertThat(reasonOfBytes(withBytes(line, 0xC3))).as("cut short").isEqualTo("not valid UTF-8 at byte " + at);
    assertThat(reasonOfBytes(withBytes(line, 0x80))).as("a lone continuation").isEqualTo("not valid UTF-8 at byte " + at);
    assertThat(reasonOfBytes(withBytes(line, 0xFF))).isEqualTo("not valid UTF-8 at byte " + at);
    assertThat(reasonOfBytes(withBytes(line, 0xC3, 0xA9))).as("valid UTF-8, refused by the symbol rule")
        .isEqualTo("sym: bad character (non-ASCII)");
  }

  @Test
  void takesSeqOnlyAsAJsonIntegerUpTo2To53Minus1() {
    String seq = "{" + TRADE + ",\"px\":1,\"qty\":1,\"feed\":\"f\",\"seq\":%s}";
    assertThat(reason(seq.formatted("\"7\""))).isEqualTo("seq: expected a JSON integer, got a string");
    assertThat(parse(seq.formatted("9007199254740991")).seq()).isEqualTo(9_007_199_254_740_991L);
    assertThat(reason(seq.formatted("9007199254740992")))
        .isEqualTo("seq: larger than 9007199254740991 (2^53-1, the largest seq accepted)");
    assertThat(reason(seq.formatted(String.valueOf(Long.MAX_VALUE))))
        .isEqualTo("seq: larger than 9007199254740991 (2^53-1, the largest seq accepted)");
  }

  @Test
  void refusesTheReservedPrefixOfAssignedFeeds() {
    String line = "{" + TRADE + ",\"px\":1,\"qty\":1,\"seq\":1,\"feed\":\"%s\"}";
    assertThat(reason(line.formatted("auto:node.t0.x.1")))
        .isEqualTo("feed: the prefix auto: is reserved for feeds the node assigns");
    assertThat(parse(line.formatted("autos:x")).feed()).isEqualTo("autos:x");
  }

  /**
   * Lines next to the quick reader's edges, each read as Jackson's reader alone reads it: the same tick
   * or the same refusal (a near miss the quick reader took would show here).
   */
  @Test
  void linesAtTheEdgesOfTheQuickReaderReadAsJacksonReadsThem() {
    String ok = "\"type\":\"trade\",\"sym\":\"AAPL\",\"ts\":\"2026-11-24T14:30:00Z\",\"px\":\"1.5\",\"qty\":10";
    String[] lines = {
        "{" + ok + "}", " {" + ok + "} ", "{" + ok + "}\t", "{ " + ok.replace(",", " , ") + " }", "{" + ok + ",\"seq\":null}",
        "{" + ok + ",\"seq\":nul}", "{" + ok + ",\"seq\":nulx}", "{" + ok + ",\"seq\":nullx}", "{" + ok + ",\"seq\":true}",
        "{" + ok + ",\"seq\":01}", "{" + ok + ",\"seq\":-}", "{" + ok + ",\"seq\":1.}", "{" + ok + ",\"seq\":.5}",
        "{" + ok + ",\"seq\":1e}", "{" + ok + ",\"seq\":+1}", "{" + ok + ",\"seq\":1e+2}", "{" + ok + ",\"seq\":-0}",
        "{" + ok + ",\"seq\":\"7\"}", "{" + ok + ",\"seq\":7,\"feed\":\"a\\\"b\"}", "{" + ok + ",\"seq\":7,\"feed\":\"\u00e9\"}",
        "{" + ok + ",\"seq\":7,\"feed\":\"a\u0001\"}", "{" + ok + "}x", "{" + ok + "}}", "{" + ok + ",}", "{," + ok + "}",
        "{" + ok + ",\"px\":\"2\"}", "{\"typ\\u0065\":\"trade\"," + ok.substring(15) + "}", "{" + ok + ",\"bogus\":1}",
        "{" + ok.replace("\"AAPL\"", "12") + "}", "{" + ok.replace("\"1.5\"", "1.5") + "}", "{" + ok.replace("\"1.5\"", "1.5e1") + "}",
        "{" + ok.replace(":", " :") + "}", "{" + ok + "", "{" + ok + ",\"seq\"", "{" + ok + ",\"seq\":", "{}", "{ }", "", " ", "[]",
        "{\"type\":\"quote\",\"sym\":\"X\",\"ts\":1795530600000000000,\"bid\":2,\"bidQty\":1,\"ask\":1,\"askQty\":1}",
    };
    for (String line : lines) {
      TickParserProperties.assertSameAsJackson(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
