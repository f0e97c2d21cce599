package io.tickmesh.shard;

import io.tickmesh.codec.Addresses;
import io.tickmesh.model.Bar;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.TradeTick;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A shard's link to the store: hands the trades and bars of each batch to the writer, and every
 * {@code store.checkpointMs} (if anything changed) a checkpoint of the whole shard, all under the
 * shard's ownership epoch (the store writes them only while it is current). Batches answered
 * before checkpoint {@code n} is taken carry {@code n}: their effect is durable once it is. With the
 * store off it does nothing and answers carry 0. Threading: owned by the shard's context.
 *
 * <p>It also remembers the closed bars handed off under each checkpoint until that checkpoint is
 * durable: then they are in PostgreSQL, and the shard forgets them from its in-memory history (see
 * {@link #durable}), so memory holds only bars not yet written, however many symbols there are.
 */
final class ShardCheckpoints {
  private final EventBus bus;
  private final int shard;
  private final boolean enabled;
  private final long epoch;
  private List<TradeTick> trades = new ArrayList<>();
  private List<Bar> bars = new ArrayList<>();
  /** Bars handed off under each checkpoint not yet durable, oldest first. */
  private final ArrayDeque<Covered> awaiting = new ArrayDeque<>();
  private long nextCheckpointId;
  private boolean changed;
  long taken;

  ShardCheckpoints(EventBus bus, int shard, boolean enabled, long epoch, long lastCheckpointId) {
    this.bus = bus;
    this.shard = shard;
    this.enabled = enabled;
    this.epoch = epoch;
    this.nextCheckpointId = lastCheckpointId + 1;
  }

  /** The checkpoint that will cover what the shard does now; 0 without a store. */
  long pendingCheckpointId() {
    return enabled ? nextCheckpointId : 0;
  }

  void trade(TradeTick t) {
    if (enabled) {
      trades.add(t);
    }
  }

  void bar(Bar b) {
    if (enabled) {
      bars.add(b);
    }
  }

  /** Something changed the state (a batch was handled): the next checkpoint is due. */
  void changed() {
    changed = true;
  }

  /** Whether the state changed since the last checkpoint (with the store off, never: nothing is taken). */
  boolean hasChanged() {
    return enabled && changed;
  }

  /** Bars handed off before checkpoint {@code checkpointId} was taken: durable once it is. */
  private record Covered(long checkpointId, List<Bar> bars) {}

  /** Hands what the last batch or timer produced to the writer. */
  void handOff() {
    if (enabled && (!trades.isEmpty() || !bars.isEmpty())) {
      bus.send(Addresses.STORE_WRITE, new StoreBatch(shard, epoch, trades, bars));
      if (!bars.isEmpty()) {
        awaiting.addLast(new Covered(nextCheckpointId, bars));
      }
      trades = new ArrayList<>();
      bars = new ArrayList<>();
    }
  }

  /** Takes a checkpoint if the state changed since the last one (or if {@code force}): it, or null if none. */
  Checkpoint checkpoint(SymbolTable symbols, AppliedSeqs seqs, boolean force) {
    if (!enabled || (!changed && !force)) {
      return null;
    }
    handOff();
    List<SymbolState> states = new ArrayList<>(symbols.size());
    symbols.forEach(slot -> states.add(slot.state));
    Map<String, Long> feedSeqs = new HashMap<>();
    seqs.forEach(feedSeqs::put);
    byte[] state = ShardSnapshot.encode(states, seqs);
    Checkpoint checkpoint = new Checkpoint(shard, epoch, nextCheckpointId++, state, feedSeqs, System.currentTimeMillis() * 1_000_000L);
    bus.send(Addresses.STORE_WRITE, checkpoint);
    changed = false;
    taken++;
    return checkpoint;
  }

  /**
   * Checkpoint {@code checkpointId} of this shard is durable: every bar handed off before it is in
   * PostgreSQL. Each is forgotten from its symbol's in-memory history, unless a later revision
   * replaced it there (that one waits for its own checkpoint).
   */
  void durable(long checkpointId, SymbolTable symbols) {
    while (!awaiting.isEmpty() && awaiting.peekFirst().checkpointId() <= checkpointId) {
      for (Bar bar : awaiting.pollFirst().bars()) {
        SymbolSlot slot = symbols.get(bar.symbol());
        if (slot != null) {
          slot.state.forgetDurable(bar);
        }
      }
    }
  }
}
