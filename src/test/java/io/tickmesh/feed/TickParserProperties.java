package io.tickmesh.feed;

import static io.tickmesh.feed.TestDefaults.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import io.tickmesh.model.Timestamps;
import io.tickmesh.model.TradeTick;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TickParserProperties {
  private static final String ID_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_:/";
  private static final String CSV_HEADER = "ts,sym,type,px,qty,bid,bidQty,ask,askQty,feed,seq";

  /** A valid tick as a publisher means it: feed null and seq 0 where the line leaves them out. */
  record Spec(boolean trade, String sym, long ts, String feed, long seq, List<Long> amounts) {
    Tick expected() {
      String f = feed != null ? feed : TestDefaults.FEED;
      long s = seq != 0 ? seq : 1; // a fresh TestDefaults hands out 1 first
      return trade
          ? new TradeTick(f, s, sym, ts, amounts.get(0), amounts.get(1))
          : new QuoteTick(f, s, sym, ts, amounts.get(0), amounts.get(1), amounts.get(2), amounts.get(3));
    }

    String[] keys() {
      return trade ? new String[] {"px", "qty"} : new String[] {"bid", "bidQty", "ask", "askQty"};
    }
  }

  @Provide
  Arbitrary<Spec> specs() {
    Arbitrary<String> sym = Arbitraries.strings().withChars(ID_CHARS).ofMinLength(1).ofMaxLength(32);
    Arbitrary<Long> ts = Arbitraries.longs().between(Timestamps.MIN_TICK_NANOS, TestDefaults.NOW + TestDefaults.SKEW);
    Arbitrary<String> feed = Arbitraries.strings().withChars(ID_CHARS).ofMinLength(1).ofMaxLength(64)
        .filter(f -> !FeedIds.isAssigned(f));
    Arbitrary<Long> seq = Arbitraries.longs().between(1, io.tickmesh.model.Tick.MAX_SEQ);
    // identity: none, seq only, or both (feed without seq is not valid)
    Arbitrary<Object[]> identity = Arbitraries.oneOf(
        Arbitraries.just(new Object[] {null, 0L}),
        seq.map(s -> new Object[] {null, s}),
        Combinators.combine(feed, seq).as((f, s) -> new Object[] {f, s}));
    Arbitrary<Long> price = Arbitraries.longs().between(1, Long.MAX_VALUE);
    Arbitrary<Long> size = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<List<Long>> trade = Combinators.combine(price, price).as(List::of);
    Arbitrary<List<Long>> quote = Combinators.combine(price, size, price, size)
        .as((b, bq, a, aq) -> List.of(Math.min(a, b), bq, Math.max(a, b), aq));
    Arbitrary<Boolean> isTrade = Arbitraries.of(true, false);
    return isTrade.flatMap(t -> Combinators.combine(sym, ts, identity, t ? trade : quote)
        .as((s, time, id, amounts) -> new Spec(t, s, time, (String) id[0], (Long) id[1], amounts)));
  }

  private static String decimal(long scaled, int encoding) {
    BigDecimal value = Decimals.toBigDecimal(scaled);
    return switch (encoding) {
      case 0 -> "\"" + value.toPlainString() + "\"";
      case 1 -> value.stripTrailingZeros().toPlainString();
      case 2 -> value.stripTrailingZeros().toString(); // scientific where BigDecimal likes it
      default -> "\"" + value.stripTrailingZeros().toString() + "\"";
    };
  }

  private static String isoWithOffset(long nanos, int offsetMinutes) {
    Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    ZoneOffset zone = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
    OffsetDateTime t = instant.atOffset(zone);
    String fraction = t.getNano() == 0 ? "" : "." + String.format("%09d", t.getNano()).replaceAll("0+$", "");
    return String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
        t.getHour(), t.getMinute(), t.getSecond()) + fraction + (offsetMinutes == 0 ? "+00:00" : zone.getId());
  }

  private static String ts(long nanos, int encoding, int offsetMinutes) {
    return switch (encoding) {
      case 0 -> Long.toString(nanos);
      case 1 -> "\"" + nanos + "\"";
      case 2 -> "\"" + Instant.ofEpochSecond(0, nanos) + "\"";
      default -> "\"" + isoWithOffset(nanos, offsetMinutes) + "\"";
    };
  }

  @Property
  void validTicksSurviveJson(
      @ForAll("specs") Spec spec,
      @ForAll @Size(4) List<@IntRange(min = 0, max = 3) Integer> decimalEncodings,
      @ForAll @IntRange(min = 0, max = 3) int tsEncoding,
      @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes,
      @ForAll boolean absentAsNull,
      @ForAll boolean spaced,
      @ForAll long shuffleSeed) {
    List<String> members = new ArrayList<>();
    members.add("\"type\":\"" + (spec.trade() ? "trade" : "quote") + "\"");
    members.add("\"sym\":\"" + spec.sym() + "\"");
    members.add("\"ts\":" + ts(spec.ts(), tsEncoding, offsetMinutes));
    String[] keys = spec.keys();
    for (int i = 0; i < keys.length; i++) {
      members.add("\"" + keys[i] + "\":" + decimal(spec.amounts().get(i), decimalEncodings.get(i)));
    }
    if (spec.feed() != null) {
      members.add("\"feed\":\"" + spec.feed() + "\"");
    } else if (absentAsNull) {
      members.add("\"feed\":null");
    }
    if (spec.seq() != 0) {
      members.add("\"seq\":" + spec.seq());
    } else if (absentAsNull) {
      members.add("\"seq\":null");
    }
    Collections.shuffle(members, new Random(shuffleSeed));
    byte[] line = spaced
        ? utf8(" {\t" + String.join(" ,\r\n", members.stream().map(m -> m.replaceFirst("\":", "\" : ")).toList()) + " } ")
        : utf8("{" + String.join(",", members) + "}");
    TickParser parser = new TickParser(() -> TestDefaults.NOW, TestDefaults.SKEW);
    TestDefaults defaults = new TestDefaults();
    assertThat(parser.parse(line, 0, line.length, defaults)).isEqualTo(spec.expected());
    assertThat(defaults.seqCalls).isEqualTo(spec.seq() == 0 ? 1 : 0);
    assertThat(parser.parseWithJackson(line, 0, line.length, new TestDefaults())).as("Jackson's reader").isEqualTo(spec.expected());
  }

  @Property
  void validTicksSurviveCsv(
      @ForAll("specs") Spec spec,
      @ForAll @Size(4) List<@IntRange(min = 0, max = 3) Integer> decimalEncodings,
      @ForAll boolean tsAsIso,
      @ForAll long shuffleSeed) {
    List<String> columns = new ArrayList<>(List.of(CSV_HEADER.split(",")));
    Collections.shuffle(columns, new Random(shuffleSeed));
    List<String> cells = new ArrayList<>();
    for (String column : columns) {
      cells.add(cell(spec, column, decimalEncodings, tsAsIso));
    }
    byte[] header = utf8(String.join(",", columns));
    byte[] row = utf8(String.join(",", cells));
    CsvTickParser parser =
        CsvTickParser.forHeader(header, 0, header.length, () -> TestDefaults.NOW, TestDefaults.SKEW);
    assertThat(parser.parse(row, 0, row.length, new TestDefaults())).isEqualTo(spec.expected());
  }

  private static String cell(Spec spec, String column, List<Integer> encodings, boolean tsAsIso) {
    List<String> keys = List.of(spec.keys());
    int amount = keys.indexOf(column);
    if (amount >= 0) {
      return decimal(spec.amounts().get(amount), encodings.get(amount)).replace("\"", "");
    }
    return switch (column) {
      case "ts" -> tsAsIso ? Instant.ofEpochSecond(0, spec.ts()).toString() : Long.toString(spec.ts());
      case "sym" -> spec.sym();
      case "type" -> spec.trade() ? "trade" : "quote";
      case "feed" -> spec.feed() == null ? "" : spec.feed();
      case "seq" -> spec.seq() == 0 ? "" : Long.toString(spec.seq());
      default -> ""; // the other type's columns
    };
  }

  @Provide
  Arbitrary<byte[]> mutatedLines() {
    byte[] valid = utf8("{\"feed\":\"nyse\",\"seq\":17,\"sym\":\"AAPL\",\"ts\":\"2026-11-24T14:30:00.123456Z\","
        + "\"type\":\"quote\",\"bid\":\"189.22\",\"bidQty\":300,\"ask\":1.8924e2,\"askQty\":\"200\"}");
    Arbitrary<int[]> edit = Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, valid.length - 1),
            Arbitraries.integers().between(0, 255))
        .as((kind, pos, value) -> new int[] {kind, pos, value});
    return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
      List<Byte> bytes = new ArrayList<>();
      for (byte b : valid) {
        bytes.add(b);
      }
      for (int[] e : edits) {
        int pos = Math.min(e[1], bytes.size() - 1);
        switch (e[0]) {
          case 0 -> bytes.set(pos, (byte) e[2]);
          case 1 -> bytes.add(pos, (byte) e[2]);
          default -> bytes.remove(pos);
        }
      }
      byte[] out = new byte[bytes.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = bytes.get(i);
      }
      return out;
    });
  }

  @Property
  void mutatedJsonOnlyEverFailsWithAReason(@ForAll("mutatedLines") byte[] line) {
    onlyTickFormatException(line);
  }

  @Property
  void garbageOnlyEverFailsWithAReason(@ForAll @Size(max = 300) byte[] line) {
    onlyTickFormatException(line);
  }

  @Property
  void asciiGarbageOnlyEverFailsWithAReason(
      @ForAll @net.jqwik.api.constraints.StringLength(max = 200)
          @net.jqwik.api.constraints.Chars({'{', '}', '[', ']', '"', ':', ',', '1', 'e', '-', '.', 'x', ' ', '\\'})
          String text) {
    onlyTickFormatException(utf8(text));
  }

  /**
   * Both parsers either give a tick or a TickFormatException with a reason, and assign no seq when refusing;
   * and the JSON parser's answer is the one Jackson's reader alone gives.
   */
  private static void onlyTickFormatException(byte[] line) {
    assertSameAsJackson(line);
    TestDefaults defaults = new TestDefaults();
    try {
      Tick t = new TickParser(() -> TestDefaults.NOW, TestDefaults.SKEW).parse(line, 0, line.length, defaults);
      assertThat(t).isNotNull();
    } catch (TickFormatException e) {
      assertThat(e.reason()).isNotBlank();
      assertThat(defaults.seqCalls).isZero();
    }
    byte[] header = utf8(CSV_HEADER);
    CsvTickParser csv = CsvTickParser.forHeader(header, 0, header.length, () -> TestDefaults.NOW, TestDefaults.SKEW);
    try {
      Tick t = csv.parse(line, 0, line.length, new TestDefaults());
      assertThat(t).isNotNull();
    } catch (TickFormatException e) {
      assertThat(e.reason()).isNotBlank();
    }
    try {
      assertThat(CsvTickParser.forHeader(line, 0, line.length, () -> 0L, 0)).isNotNull();
    } catch (TickFormatException e) {
      assertThat(e.reason()).startsWith("CSV header: ");
    }
    boolean unused = CsvTickParser.looksLikeCsvHeader(line, 0, line.length);
  }

  /** The same tick, or the same refusal, from the parser and from Jackson's reader alone. */
  static void assertSameAsJackson(byte[] line) {
    Object quick;
    Object jackson;
    try {
      quick = new TickParser(() -> TestDefaults.NOW, TestDefaults.SKEW).parse(line, 0, line.length, new TestDefaults());
    } catch (TickFormatException e) {
      quick = "refused: " + e.reason() + " (feed " + e.feed() + ", seq " + e.seq() + ")";
    }
    try {
      jackson = new TickParser(() -> TestDefaults.NOW, TestDefaults.SKEW).parseWithJackson(line, 0, line.length, new TestDefaults());
    } catch (TickFormatException e) {
      jackson = "refused: " + e.reason() + " (feed " + e.feed() + ", seq " + e.seq() + ")";
    }
    assertThat(quick).as(new String(line, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(jackson);
  }
}
