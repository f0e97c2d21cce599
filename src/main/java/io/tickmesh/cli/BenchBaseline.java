package io.tickmesh.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickmesh.model.Bar;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import io.tickmesh.model.Timestamps;
import io.tickmesh.model.TradeTick;
import io.tickmesh.shard.BarSettings;
import io.tickmesh.shard.SymbolState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The yardstick of {@code tickmesh bench} and {@code tickmesh bench-inproc}: one thread, no framework, no
 * validation beyond what the records do. Each line is parsed with Jackson's streaming parser (decimals and
 * ts from their text, as the node reads them) and becomes a {@code TradeTick} or {@code QuoteTick}
 * ({@code bench-inproc} starts from the records themselves); each tick is applied to the
 * {@link SymbolState} of its symbol; every {@value #EMIT_EVERY} ticks the touched symbols emit their due
 * bars, about as often as a shard does after a batch. Each pass starts from fresh states. Not
 * thread-safe: one pass at a time.
 */
final class BenchBaseline {
  /** Ticks between two rounds of {@code emitDue}: the node's default batch size. */
  static final int EMIT_EVERY = 512;

  private static final JsonFactory JSON = new JsonFactory();

  /** One pass: ticks applied, bars emitted, time taken. */
  record Pass(long ticks, long bars, long nanos) {}

  private final BarSettings settings;
  private final Text text = new Text();
  private final List<Slot> touched = new ArrayList<>();
  private Map<String, Slot> symbols = new HashMap<>();
  private long epoch;
  private long bars;

  BenchBaseline(BarSettings settings) {
    this.settings = settings;
  }

  /** Parses and applies every line of {@code lines} to fresh states; fails on a line it cannot read. */
  Pass run(List<byte[]> lines) throws IOException {
    return pass(lines.size(), i -> parse(lines.get(i)));
  }

  /** Applies {@code ticks}, already records, to fresh states: the plain loop of {@code bench-inproc}. */
  Pass apply(List<? extends Tick> ticks) throws IOException {
    return pass(ticks.size(), ticks::get);
  }

  /** The {@code i}-th tick of a pass's input. */
  @FunctionalInterface
  private interface TickAt {
    Tick get(int i) throws IOException;
  }

  private Pass pass(int size, TickAt ticks) throws IOException {
    symbols = new HashMap<>();
    touched.clear();
    bars = 0;
    long start = System.nanoTime();
    // Block by block, as a shard takes batches: one clock reading per block for applying and emitting,
    // and the hot code is an ordinary compiled method rather than one long loop left to on-stack
    // replacement.
    for (int from = 0; from < size; from += EMIT_EVERY) {
      block(ticks, from, Math.min(size, from + EMIT_EVERY));
    }
    return new Pass(size, bars, System.nanoTime() - start);
  }

  private void block(TickAt ticks, int from, int to) throws IOException {
    long now = System.nanoTime();
    epoch++;
    for (int i = from; i < to; i++) {
      Tick tick = ticks.get(i);
      Slot slot = symbols.get(tick.symbol()); // not computeIfAbsent: its lambda would be allocated per tick
      if (slot == null) {
        slot = new Slot(new SymbolState(tick.symbol(), settings));
        symbols.put(tick.symbol(), slot);
      }
      if (tick instanceof TradeTick t) {
        if (slot.state.applyTrade(t, now) != null) {
          throw new IllegalStateException("baseline refused a trade as late: " + t);
        }
      } else {
        var unused = slot.state.applyQuote((QuoteTick) tick);
      }
      if (slot.touchedIn != epoch) {
        slot.touchedIn = epoch;
        touched.add(slot);
      }
    }
    for (Slot slot : touched) {
      slot.state.emitDue(now, this::count);
    }
    touched.clear();
  }

  private void count(Bar bar) {
    bars++;
  }

  private Tick parse(byte[] line) throws IOException {
    String feed = null;
    String sym = null;
    boolean trade = false;
    long seq = 0;
    long ts = 0;
    long px = 0;
    long qty = 0;
    long bid = 0;
    long bidQty = 0;
    long ask = 0;
    long askQty = 0;
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "feed" -> feed = p.getText();
          case "seq" -> seq = p.getLongValue();
          case "sym" -> sym = p.getText();
          case "ts" -> ts = Timestamps.parse(text(p));
          case "type" -> trade = text(p).contentEquals("trade");
          case "px" -> px = Decimals.parse(text(p));
          case "qty" -> qty = Decimals.parse(text(p));
          case "bid" -> bid = Decimals.parse(text(p));
          case "bidQty" -> bidQty = Decimals.parse(text(p));
          case "ask" -> ask = Decimals.parse(text(p));
          case "askQty" -> askQty = Decimals.parse(text(p));
          default -> throw new IOException("unknown field " + name);
        }
      }
    }
    return trade
        ? new TradeTick(feed, seq, sym, ts, px, qty)
        : new QuoteTick(feed, seq, sym, ts, bid, bidQty, ask, askQty);
  }

  private Text text(JsonParser p) throws IOException {
    return text.set(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
  }

  /** A symbol's state and the emit round it was last touched in. */
  private static final class Slot {
    final SymbolState state;
    long touchedIn;

    Slot(SymbolState state) {
      this.state = state;
    }
  }

  /** A reusable view of Jackson's current text, so reading a value allocates nothing. */
  private static final class Text implements CharSequence {
    private char[] chars = new char[0];
    private int off;
    private int len;

    Text set(char[] chars, int off, int len) {
      this.chars = chars;
      this.off = off;
      this.len = len;
      return this;
    }

    boolean contentEquals(String s) {
      if (s.length() != len) {
        return false;
      }
      for (int i = 0; i < len; i++) {
        if (chars[off + i] != s.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int length() {
      return len;
    }

    @Override
    public char charAt(int index) {
      return chars[off + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(chars, off + start, end - start);
    }

    @Override
    public String toString() {
      return new String(chars, off, len);
    }
  }
}
