package io.tickmesh.shard;

import io.tickmesh.codec.AddressProbe;
import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.JsonViews;
import io.tickmesh.codec.LocalConsumers;
import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Published;
import io.tickmesh.model.Reject;
import io.tickmesh.model.ShardOutputs;
import io.tickmesh.model.TradeTick;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a shard's outputs on the event bus in the JSON of the contract: every trade, every closed
 * bar and revision, rejects, and quotes conflated to at most one per symbol per interval (the latest
 * wins; a quote that is due goes out at once, one that is not waits for {@link #flushQuotes}).
 *
 * <p>An output of an address no consumer on this node has registered is numbered (its {@code pubSeq} is
 * taken) but neither built nor published: Vert.x would deliver it to no one, and a consumer that registers
 * later gets what is published from then on, as it would anyway. In a cluster an output is also built
 * while another node wants this shard ({@link #relayWanted}), for the relay to the subscribers there. The
 * store gets its rows from the shard, not from here.
 *
 * <p>Threading: owned by one shard's context.
 */
final class ShardPublisher {
  private final EventBus bus;
  /**
   * Outputs go to this node's consumers only: other nodes get them from the relay. A clustered publish
   * first asks the cluster manager which nodes have consumers of the address (a Hazelcast lookup on a
   * worker thread, per output, since no other node registers per-symbol addresses), and delivers even the
   * local copy only after it answers: 10-20 ms at the median in a 2-node cluster at 17,000 ticks/s.
   */
  private final DeliveryOptions localOnly = new DeliveryOptions().setLocalOnly(true);
  private final LocalConsumers consumers;
  private final long quoteIntervalNanos;
  private final boolean publishTrades;
  private final ArrayList<SymbolSlot> waitingQuotes = new ArrayList<>();
  /** Ask whether an output is listened to before its address is made (made only for a listened one). */
  private final AddressProbe tradesProbe = Addresses.tradesProbe();
  private final AddressProbe quotesProbe = Addresses.quotesProbe();
  private final Map<BarInterval, AddressProbe> barsProbes = new HashMap<>();
  /**
   * In a cluster, while another node wants this shard's outputs, what was published since the last
   * {@link #takeRelayed}; else null (always on a single node).
   */
  private ArrayList<ShardOutputs.Output> relayed;
  private final boolean cluster;
  long barsClosed;
  long tradesPublished;
  long quotesPublished;
  long barRevisions;

  ShardPublisher(EventBus bus, long quoteIntervalMs, boolean publishTrades, boolean relay) {
    this.bus = bus;
    this.consumers = LocalConsumers.of(bus);
    this.quoteIntervalNanos = quoteIntervalMs * 1_000_000L;
    this.publishTrades = publishTrades;
    this.cluster = relay;
    this.relayed = relay ? new ArrayList<>() : null; // until the relay says otherwise: never miss a wanted output
  }

  /**
   * The node's relay says whether another node wants this shard's outputs: while none does, nothing is
   * collected for it (nor built for it, if no consumer here listens either).
   */
  void relayWanted(boolean wanted) {
    if (!cluster) {
      return;
    }
    if (!wanted) {
      relayed = null;
    } else if (relayed == null) {
      relayed = new ArrayList<>();
    }
  }

  /** What was published since the last call, for the relay to other nodes; empty on a single node. */
  List<ShardOutputs.Output> takeRelayed() {
    if (relayed == null || relayed.isEmpty()) {
      return List.of();
    }
    List<ShardOutputs.Output> out = relayed;
    relayed = new ArrayList<>();
    return out;
  }

  /** Whether an output on the address of {@code probe} reaches anyone: a consumer on this node, or the cluster's relay. */
  private boolean wanted(AddressProbe probe) {
    return relayed != null || consumers.any(probe);
  }

  private AddressProbe barsProbe(BarInterval interval) {
    return barsProbes.computeIfAbsent(interval, Addresses::barsProbe);
  }

  private void publish(String address, Object body) {
    bus.publish(address, body, localOnly);
    if (relayed != null) {
      relayed.add(new ShardOutputs.Output(address, body));
    }
  }

  /** Publishes the trade; its consumers receive JSON (see {@code JsonViewCodec}). */
  void trade(SymbolSlot slot, TradeTick t) {
    if (publishTrades) {
      long pubSeq = ++slot.tradesSeq;
      if (wanted(tradesProbe.of(slot.state.symbol()))) {
        publish(slot.tradesAddress(), new Published(pubSeq, t));
      }
      tradesPublished++;
    }
  }

  /** Publishes a closed or revised bar of {@code slot}'s symbol; {@code intervalIndex} in BarSettings order. */
  void bar(SymbolSlot slot, int intervalIndex, Bar bar) {
    countBar(bar.revision());
    long pubSeq = slot.state.barsEmitted(intervalIndex); // one message per bar emitted, this one included
    if (wanted(barsProbe(bar.interval()).of(bar.symbol()))) {
      publish(Addresses.bars(bar.interval(), bar.symbol()), new Published(pubSeq, bar));
    }
  }

  /** Whether a bar of {@code symbol} at {@code interval} would reach anyone if published now. */
  boolean wantsBar(BarInterval interval, String symbol) {
    return wanted(barsProbe(interval).of(symbol));
  }

  /** Counts a bar emitted (revision 0: closed; else a revision), published or not. */
  void countBar(int revision) {
    if (revision == 0) {
      barsClosed++;
    } else {
      barRevisions++;
    }
  }

  void reject(Reject reject) {
    bus.publish(Addresses.REJECTS, JsonViews.reject(reject), localOnly); // a cluster's relay hears rejects on their own address
  }

  /** The slot's quote changed: publish now if its interval has passed, else once it has. */
  void quoteChanged(SymbolSlot slot, long nowNanos) {
    if (due(slot, nowNanos)) {
      publishQuote(slot, nowNanos);
    } else if (!slot.quoteQueued) {
      slot.quoteQueued = true;
      waitingQuotes.add(slot);
    }
  }

  /** Whether a changed quote waits for its interval to pass (then a timer must publish it). */
  boolean hasWaitingQuotes() {
    return !waitingQuotes.isEmpty();
  }

  /** Publishes the waiting quotes whose interval has passed. */
  void flushQuotes(long nowNanos) {
    for (int i = waitingQuotes.size() - 1; i >= 0; i--) {
      SymbolSlot slot = waitingQuotes.get(i);
      if (due(slot, nowNanos)) {
        publishQuote(slot, nowNanos);
        slot.quoteQueued = false;
        waitingQuotes.set(i, waitingQuotes.get(waitingQuotes.size() - 1));
        waitingQuotes.remove(waitingQuotes.size() - 1);
      }
    }
  }

  private boolean due(SymbolSlot slot, long nowNanos) {
    return !slot.quotePublished || nowNanos - slot.lastQuotePublishNanos >= quoteIntervalNanos;
  }

  private void publishQuote(SymbolSlot slot, long nowNanos) {
    slot.lastQuotePublishNanos = nowNanos;
    slot.quotePublished = true;
    long pubSeq = ++slot.quotesSeq;
    if (wanted(quotesProbe.of(slot.state.symbol()))) {
      publish(slot.quotesAddress(), new Published(pubSeq, slot.state.quote())); // made anew, not kept per symbol
    }
    quotesPublished++;
  }
}
