package io.tickmesh.shard;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import java.util.function.Consumer;

/**
 * Where closed bars and revisions go, able to say it has no use for a bar: then none is built (six
 * decimals and an exact VWAP division for each), and it is only counted. Any other {@code Consumer<Bar>}
 * handed to {@link SymbolState#emitDue} takes every bar.
 */
public interface BarSink extends Consumer<Bar> {
  /** Whether the next bar of {@code symbol} at {@code interval} is wanted (published to someone, stored). */
  boolean wants(BarInterval interval, String symbol);

  /** A bar not wanted was emitted (its revision, 0 when it closed): counted, not built. */
  void skipped(int revision);
}
