package io.tickmesh.model;

import java.util.HashMap;
import java.util.Map;

/**
 * An immutable snapshot of the instrument master, as a feed checks its ticks against it when
 * {@code feed.requireKnownInstrument} is on: a tick of a symbol the master does not hold, or at a price
 * off the instrument's tick size, is refused with the reason. Snapshots are replaced, never changed, so
 * one may be handed to every feed of a node at once.
 */
public final class Instruments {
  /** The snapshot of a node that requires nothing: every tick passes. */
  public static final Instruments ANY = new Instruments(Map.of(), false);

  private final Map<String, Instrument> bySymbol;
  private final boolean required;

  private Instruments(Map<String, Instrument> bySymbol, boolean required) {
    this.bySymbol = bySymbol;
    this.required = required;
  }

  /** A snapshot holding {@code instruments} that requires every tick's symbol to be among them. */
  public static Instruments required(Map<String, Instrument> instruments) {
    return new Instruments(Map.copyOf(instruments), true);
  }

  /**
   * This snapshot with {@code changed} added, or replacing their symbols' entries where they are not of
   * an older version (a late answer does not undo a newer one); this very snapshot if nothing changes.
   */
  public Instruments with(Iterable<Instrument> changed) {
    Map<String, Instrument> next = null;
    for (Instrument i : changed) {
      Instrument held = (next == null ? bySymbol : next).get(i.symbol());
      if (held == null || (!held.equals(i) && i.version() >= held.version())) {
        if (next == null) {
          next = new HashMap<>(bySymbol);
        }
        next.put(i.symbol(), i);
      }
    }
    return next == null ? this : new Instruments(Map.copyOf(next), required);
  }

  /** A snapshot of {@code all} alone, requiring as this one does. */
  public Instruments replacedBy(Iterable<Instrument> all) {
    Map<String, Instrument> next = new HashMap<>();
    for (Instrument i : all) {
      next.put(i.symbol(), i);
    }
    return new Instruments(Map.copyOf(next), required);
  }

  /** Whether ticks are checked at all ({@code feed.requireKnownInstrument}). */
  public boolean required() {
    return required;
  }

  /** The instrument of {@code symbol}, or null. */
  public Instrument get(String symbol) {
    return bySymbol.get(symbol);
  }

  /** Instruments held. */
  public int size() {
    return bySymbol.size();
  }

  /**
   * Why {@code tick} is refused, or null if it passes. {@code listedHere}: the feed's own directory (an
   * ITCH session's R messages) lists the symbol, which makes it known even before the master has it.
   */
  public String check(Tick tick, boolean listedHere) {
    if (!required) {
      return null;
    }
    Instrument i = bySymbol.get(tick.symbol());
    if (i == null && listedHere) {
      return null;
    }
    if (i == null) {
      return "unknown instrument " + tick.symbol() + ": not in the instrument master (feed.requireKnownInstrument is on;"
          + " PUT /api/v1/instruments/" + tick.symbol() + " defines it)";
    }
    if (tick instanceof TradeTick t) {
      return i.offTick(t.px(), "price");
    }
    if (tick instanceof QuoteTick q) {
      String bid = i.offTick(q.bid(), "bid");
      return bid != null ? bid : i.offTick(q.ask(), "ask");
    }
    return null;
  }
}
