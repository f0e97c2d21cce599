package io.tickmesh.shard;

import io.tickmesh.model.Bar;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A shard's analytics without the verticle, driven as {@code ShardVerticle} drives them: a tick whose
 * (feed, seq) was handled is a duplicate, any other goes to its symbol's state, created on first sight.
 * What the snapshot tests run on both sides of a restore.
 */
final class ShardModel {
  final Map<String, SymbolState> symbols = new LinkedHashMap<>();
  final AppliedSeqs seqs = new AppliedSeqs(1_024);
  private final BarSettings settings;

  ShardModel(BarSettings settings) {
    this.settings = settings;
  }

  /** A shard restored from {@code snapshot} at {@code nowNanos}, as a new owner would restore it. */
  static ShardModel restore(byte[] snapshot, BarSettings settings, long nowNanos) {
    ShardSnapshot.Restored restored = ShardSnapshot.decode(snapshot, settings, nowNanos);
    ShardModel shard = new ShardModel(settings);
    for (SymbolState state : restored.symbols()) {
      shard.symbols.put(state.symbol(), state);
    }
    restored.feedSeqs().forEach(shard.seqs::restore);
    return shard;
  }

  byte[] snapshot() {
    return ShardSnapshot.encode(symbols.values(), seqs);
  }

  /** What became of the tick: "duplicate", "applied", a late reason, or whether the book changed. */
  String apply(Tick tick, long nowNanos) {
    if (seqs.record(tick.feed(), tick.seq()) >= 0) {
      return "duplicate";
    }
    SymbolState state = symbols.computeIfAbsent(tick.symbol(), s -> new SymbolState(s, settings));
    if (tick instanceof TradeTick t) {
      String late = state.applyTrade(t, nowNanos);
      return late == null ? "applied" : late;
    }
    return state.applyQuote((QuoteTick) tick) ? "book changed" : "book unchanged";
  }

  void emitDue(long nowNanos, Consumer<Bar> out) {
    for (SymbolState state : symbols.values()) {
      state.emitDue(nowNanos, out);
    }
  }

  /** The highest handled seq per feed, in no particular order. */
  Map<String, Long> feedSeqs() {
    Map<String, Long> result = new LinkedHashMap<>();
    seqs.forEach(result::put);
    return result;
  }
}
