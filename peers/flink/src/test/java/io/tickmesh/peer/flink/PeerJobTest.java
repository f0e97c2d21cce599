package io.tickmesh.peer.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickmesh.model.Bar;
import io.tickmesh.model.QuoteTick;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer computes the bars and latest quotes of a small generated file as a slow, obvious reference
 * does: BigDecimal arithmetic on the generated values (not on the peer's parse), bars grouped by symbol
 * and bar start, open and close by (ts, seq). Then the bench path's counters against the same reference.
 */
class PeerJobTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long START = Instant.parse("2026-11-23T14:29:58.500Z").getEpochSecond() * SECOND + 500_000_000L;
  private static final String[] SYMBOLS = {"AAA", "BBB", "CCC"};

  @TempDir Path dir;

  /** A generated tick, with the seq the peer gives its line (its line number). */
  private record Gen(long seq, String sym, long ts, boolean trade, BigDecimal px, BigDecimal qty, BigDecimal bid, BigDecimal ask) {}

  @Test
  void barsAndLatestQuotesAreThoseOfTheReference() throws Exception {
    List<Gen> ticks = generate(3_000, 11);
    String id = HeldLines.hold(HeldLines.read(write(ticks), "bench.test"));
    Collected<Bar> seconds = new Collected<>();
    Collected<Bar> minutes = new Collected<>();
    Collected<QuoteTick> quotes = new Collected<>();
    try (PeerCluster cluster = PeerCluster.start(2)) {
      var unused = cluster.run(id, streams -> {
        streams.bars1s().sinkTo(seconds);
        streams.bars1m().sinkTo(minutes);
        // one sink subtask: the updates of a symbol reach it in the order the reduce made them
        streams.latestQuotes().sinkTo(quotes).setParallelism(1);
      });
      assertEquals(referenceBars(ticks, "1s", SECOND), byKey(seconds.take()));
      assertEquals(referenceBars(ticks, "1m", MINUTE), byKey(minutes.take()));
      Map<String, Long> lastSeqs = new HashMap<>();
      for (QuoteTick q : quotes.take()) {
        lastSeqs.put(q.symbol(), q.seq()); // the last update of each symbol is its latest quote
      }
      assertEquals(referenceLatestQuoteSeqs(ticks), lastSeqs);
    } finally {
      HeldLines.release(id);
    }
  }

  @Test
  void benchRoundCountsWhatTheReferenceImplies() throws Exception {
    List<Gen> ticks = generate(2_000, 5);
    List<byte[]> lines = HeldLines.read(write(ticks), "bench.test");
    InputFacts facts = InputFacts.of(lines);
    long volume = ticks.stream().filter(Gen::trade).map(Gen::qty).reduce(BigDecimal.ZERO, BigDecimal::add)
        .movePointRight(8).longValueExact();
    assertEquals(referenceBars(ticks, "1s", SECOND).size(), facts.bars1s());
    assertEquals(referenceBars(ticks, "1m", MINUTE).size(), facts.bars1m());
    assertEquals(volume, facts.volume());
    String id = HeldLines.hold(lines);
    try (PeerCluster cluster = PeerCluster.start(2)) {
      PeerCluster.Round round = cluster.run(id);
      assertEquals(facts.bars1s(), round.counter("1s.bars"));
      assertEquals(facts.bars1m(), round.counter("1m.bars"));
      assertEquals(facts.trades(), round.counter("1s.trades"));
      assertEquals(facts.trades(), round.counter("1m.trades"));
      assertEquals(volume, round.counter("1s.volume"));
      assertEquals(volume, round.counter("1m.volume"));
      assertEquals(facts.quotes(), round.counter(QuoteTally.NAME));
    } finally {
      HeldLines.release(id);
    }
  }

  @Test
  void stripesDealEveryLineOnceInFileOrder() {
    List<byte[]> all = new ArrayList<>();
    for (int i = 0; i < 3 * LineStripe.BLOCK + 17; i++) {
      all.add(new byte[] {(byte) i, (byte) (i >> 8)});
    }
    String id = HeldLines.hold(all);
    try {
      List<Integer> seen = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        int previous = -1;
        for (var it = LineStripe.first(id, k, 2).getIterator(); it.hasNext(); ) {
          byte[] line = it.next();
          int index = (line[0] & 0xff) | (line[1] & 0xff) << 8;
          assertEquals(k, index / LineStripe.BLOCK % 2, "stripe of line " + index);
          assertTrue(index > previous, "file order");
          previous = index;
          seen.add(index);
        }
      }
      seen.sort(null);
      for (int i = 0; i < all.size(); i++) {
        assertEquals(i, seen.get(i));
      }
    } finally {
      HeldLines.release(id);
    }
  }

  /** Ticks of three symbols over about three minutes; equal ts now and then, prices up to 1,000,000. */
  private static List<Gen> generate(int count, long seed) {
    Random random = new Random(seed);
    List<Gen> ticks = new ArrayList<>();
    long ts = START;
    for (int i = 0; i < count; i++) {
      ts += random.nextInt(4) == 0 ? 0 : random.nextInt(120_000_000) + random.nextInt(1000);
      String sym = SYMBOLS[random.nextInt(SYMBOLS.length)];
      BigDecimal px = BigDecimal.valueOf(1 + random.nextInt(1_000_000), 0).add(BigDecimal.valueOf(random.nextInt(100_000_000), 8));
      BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(100_000_000), random.nextInt(5));
      if (random.nextInt(10) < 4) {
        ticks.add(new Gen(i + 1, sym, ts, true, px, qty, null, null));
      } else {
        ticks.add(new Gen(i + 1, sym, ts, false, null, qty, px, px.add(new BigDecimal("0.01"))));
      }
    }
    return ticks;
  }

  private Path write(List<Gen> ticks) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Gen t : ticks) {
      String ts = Instant.ofEpochSecond(Math.floorDiv(t.ts(), SECOND), Math.floorMod(t.ts(), SECOND)).toString();
      sb.append("{\"sym\":\"").append(t.sym()).append("\",\"ts\":\"").append(ts).append('"');
      if (t.trade()) {
        sb.append(",\"type\":\"trade\",\"px\":\"").append(t.px().toPlainString()).append("\",\"qty\":\"").append(t.qty().toPlainString());
      } else {
        sb.append(",\"type\":\"quote\",\"bid\":\"").append(t.bid().toPlainString()).append("\",\"bidQty\":\"").append(t.qty().toPlainString())
            .append("\",\"ask\":\"").append(t.ask().toPlainString()).append("\",\"askQty\":\"").append(t.qty().toPlainString());
      }
      sb.append("\"}\n");
    }
    Path file = dir.resolve("ticks-" + ticks.size() + ".jsonl");
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /** The bars of every (symbol, start), each as the text of its fields, by grouping and BigDecimal sums. */
  private static Map<String, String> referenceBars(List<Gen> ticks, String interval, long nanos) {
    Map<String, List<Gen>> groups = new TreeMap<>();
    for (Gen t : ticks) {
      if (t.trade()) {
        groups.computeIfAbsent(t.sym() + "@" + Math.floorDiv(t.ts(), nanos) * nanos, k -> new ArrayList<>()).add(t);
      }
    }
    Map<String, String> bars = new TreeMap<>();
    groups.forEach((key, trades) -> {
      Gen open = trades.get(0);
      Gen close = trades.get(0);
      BigDecimal high = open.px();
      BigDecimal low = open.px();
      BigDecimal volume = BigDecimal.ZERO;
      BigDecimal notional = BigDecimal.ZERO;
      for (Gen t : trades) {
        open = before(t, open) ? t : open;
        close = before(close, t) ? t : close;
        high = high.max(t.px());
        low = low.min(t.px());
        volume = volume.add(t.qty());
        notional = notional.add(t.px().multiply(t.qty()));
      }
      BigDecimal vwap = notional.divide(volume, 8, RoundingMode.HALF_EVEN);
      bars.put(interval + " " + key, text(open.px(), high, low, close.px(), volume, vwap, trades.size()));
    });
    return bars;
  }

  private static boolean before(Gen a, Gen b) {
    return a.ts() < b.ts() || (a.ts() == b.ts() && a.seq() < b.seq());
  }

  private static Map<String, Long> referenceLatestQuoteSeqs(List<Gen> ticks) {
    Map<String, Gen> latest = new HashMap<>();
    for (Gen t : ticks) {
      if (!t.trade()) {
        latest.merge(t.sym(), t, (a, b) -> before(a, b) ? b : a);
      }
    }
    Map<String, Long> seqs = new HashMap<>();
    latest.forEach((sym, q) -> seqs.put(sym, q.seq()));
    return seqs;
  }

  private static Map<String, String> byKey(List<Bar> bars) {
    Map<String, String> out = new TreeMap<>();
    for (Bar b : bars) {
      String previous = out.put(b.interval().label() + " " + b.symbol() + "@" + b.start(),
          text(b.open(), b.high(), b.low(), b.close(), b.volume(), b.vwap(), b.trades()));
      assertNull(previous, "one bar per symbol and start");
    }
    return out;
  }

  private static String text(BigDecimal o, BigDecimal h, BigDecimal l, BigDecimal c, BigDecimal v, BigDecimal vwap, long trades) {
    return String.join(" ", s8(o), s8(h), s8(l), s8(c), s8(v), s8(vwap), Long.toString(trades));
  }

  private static String s8(BigDecimal d) {
    return d.setScale(8).toPlainString();
  }
}
