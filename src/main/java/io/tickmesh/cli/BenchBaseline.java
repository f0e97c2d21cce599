package io.tickmesh.cli;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import io.tickmesh.shard.BarSettings;
import io.tickmesh.shard.BarSink;
import io.tickmesh.shard.SymbolState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The yardstick of {@code tickmesh bench} and {@code tickmesh bench-inproc}: one thread, no framework, no
 * validation beyond what the records do. Each line is read by {@link BenchTickReader} (Jackson's streaming
 * parser, decimals and ts from their text, as the node reads them) into a {@code TradeTick} or {@code QuoteTick}
 * ({@code bench-inproc} starts from the records themselves); each tick is applied to the
 * {@link SymbolState} of its symbol; every {@value #EMIT_EVERY} ticks the touched symbols emit their due
 * bars, about as often as a shard does after a batch, and counts them without building them, as a node's
 * shard does with the store off and nobody subscribed (see {@link BarSink}): the same work on both sides.
 * Each pass starts from fresh states. Not
 * thread-safe: one pass at a time.
 */
final class BenchBaseline {
  /** Ticks between two rounds of {@code emitDue}: the node's default batch size. */
  static final int EMIT_EVERY = 512;

  /** One pass: ticks applied, bars emitted, time taken. */
  record Pass(long ticks, long bars, long nanos) {}

  private final BarSettings settings;
  private final BenchTickReader reader = new BenchTickReader();
  private final List<Slot> touched = new ArrayList<>();
  private Map<String, Slot> symbols = new HashMap<>();
  /** Counts every bar emitted; wants none built, as a shard nobody listens to. */
  private final BarSink counted = new BarSink() {
    @Override
    public boolean wants(BarInterval interval, String symbol) {
      return false;
    }

    @Override
    public void skipped(int revision) {
      bars++;
    }

    @Override
    public void accept(Bar bar) {
      bars++;
    }
  };
  private long epoch;
  private long bars;

  BenchBaseline(BarSettings settings) {
    this.settings = settings;
  }

  /** Parses and applies every line of {@code lines} to fresh states; fails on a line it cannot read. */
  Pass run(List<byte[]> lines) throws IOException {
    return pass(lines.size(), i -> reader.read(lines.get(i)));
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
      slot.state.emitDue(now, counted);
    }
    touched.clear();
  }

  /** A symbol's state and the emit round it was last touched in. */
  private static final class Slot {
    final SymbolState state;
    long touchedIn;

    Slot(SymbolState state) {
      this.state = state;
    }
  }
}
