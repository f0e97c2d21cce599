package io.tickmesh.cluster;

import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.JsonViews;
import io.tickmesh.model.NodeInterest;
import io.tickmesh.model.Published;
import io.tickmesh.model.RelayedOutputs;
import io.tickmesh.model.ShardOutputs;
import io.tickmesh.model.Symbols;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries shard outputs between nodes, for subscribers on a node that does not own the shard, while every
 * per-symbol subscription stays node-local (a cluster-wide registration per symbol and subscriber would
 * grow Hazelcast's subscription map without bound). Each node publishes its interest to the others: the
 * shards owning a symbol some bridge client of it subscribes to, and whether one subscribes to
 * {@code rejects} ({@link NodeInterest}, on change and every two seconds). A node's shards hand what
 * they publish to its relay, which sends each interested node one {@link RelayedOutputs} per shard step,
 * in order; that node publishes them to its own subscribers, marked as relayed so they go no further. The
 * relay tells its node's shards whether any other node wants them ({@code tm.shard.<n>.relay}, on change
 * and with every announcement), so a shard no other node wants hands it nothing (one message per batch
 * for nothing, before).
 *
 * <p>Consumes {@code tm.relay.outputs}, {@code tm.relay.interest} and {@code rejects} (local),
 * {@code tm.cluster.interest} and {@code tm.node.<self>.relay} (from every node); publishes
 * {@code tm.shard.<n>.relay} (local). Owns: the interests.
 * Threading: its event loop.
 */
public final class OutputRelayVerticle extends VerticleBase {
  private static final long ANNOUNCE_MS = 2_000;
  private static final long FORGET_NANOS = 10_000_000_000L;

  private record Remote(NodeInterest interest, long seenNanos) {}

  private final String self;
  private final int shards;
  private final Map<String, Integer> addresses = new HashMap<>();
  private final int[] perShard;
  private final Map<String, Remote> remotes = new HashMap<>();
  /** What the shards were last told: the shards some other node wants. */
  private final BitSet told = new BitSet();
  private int rejectsSubscribed;
  private boolean announceQueued;
  private long relayedMessages;

  /** The relay of node {@code self} over {@code shards} shards. */
  public OutputRelayVerticle(String self, int shards) {
    this.self = self;
    this.shards = shards;
    this.perShard = new int[shards];
  }

  @Override
  public Future<?> start() {
    var outputs = vertx.eventBus().<ShardOutputs>localConsumer(Addresses.RELAY_OUTPUTS, m -> forward(m.body()));
    var interest = vertx.eventBus().<JsonObject>localConsumer(Addresses.RELAY_INTEREST, m -> local(m.body()));
    var rejects = vertx.eventBus().<JsonObject>localConsumer(Addresses.REJECTS, this::reject);
    var remote = vertx.eventBus().<NodeInterest>consumer(Addresses.NODE_INTEREST, m -> {
      if (!m.body().node().equals(self)) {
        Remote before = remotes.put(m.body().node(), new Remote(m.body(), System.nanoTime()));
        if (before == null) {
          announce(); // a node just started (or came back): it learns this one's interest now, before it claims shards
        }
        tellShards(false);
      }
    });
    var inbound = vertx.eventBus().<RelayedOutputs>consumer(Addresses.nodeRelay(self), m -> republish(m.body()));
    var unused = vertx.setPeriodic(ANNOUNCE_MS, id -> {
      announce();
      long now = System.nanoTime();
      remotes.values().removeIf(r -> now - r.seenNanos() > FORGET_NANOS);
      tellShards(true); // a shard deployed since (a claim, a hand-over) starts by handing everything over
    });
    return Future.all(List.of(outputs.completion(), interest.completion(), rejects.completion(), remote.completion(),
        inbound.completion())).onSuccess(v -> announce());
  }

  /** A bridge's first subscriber of an address came ({@code delta} 1) or its last one went (-1). */
  private void local(JsonObject change) {
    String address = change.getString("address");
    int delta = change.getInteger("delta", 0);
    int count = addresses.merge(address, delta, Integer::sum);
    if (count <= 0) {
      addresses.remove(address);
    }
    if (Addresses.REJECTS.equals(address)) {
      rejectsSubscribed += delta;
    } else {
      int shard = shardOf(address);
      if (shard >= 0) {
        perShard[shard] += delta;
      }
    }
    if (!announceQueued) { // several changes at once (a client subscribing to many addresses): one announcement
      announceQueued = true;
      var unused = vertx.setTimer(100, id -> {
        announceQueued = false;
        announce();
      });
    }
  }

  /** The shard of an output address ({@code quotes.S}, {@code trades.S}, {@code bars.I.S}), or -1. */
  private int shardOf(String address) {
    int dot = address.startsWith("bars.") ? address.indexOf('.', 5) : address.indexOf('.');
    return dot < 0 ? -1 : Symbols.shardOf(address.substring(dot + 1), shards);
  }

  private void announce() {
    BitSet wanted = new BitSet(shards);
    for (int s = 0; s < shards; s++) {
      if (perShard[s] > 0) {
        wanted.set(s);
      }
    }
    vertx.eventBus().publish(Addresses.NODE_INTEREST, new NodeInterest(self, wanted, rejectsSubscribed > 0));
  }

  /**
   * Tells each shard of this node whether another node wants its outputs: those whose answer changed, or
   * ({@code all}) every shard.
   */
  private void tellShards(boolean all) {
    BitSet wanted = new BitSet(shards);
    remotes.values().forEach(r -> wanted.or(r.interest().shards()));
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    for (int s = 0; s < shards; s++) {
      if (all || wanted.get(s) != told.get(s)) {
        vertx.eventBus().publish(Addresses.shardRelay(s), wanted.get(s), local);
      }
    }
    told.clear();
    told.or(wanted);
  }

  private void forward(ShardOutputs outputs) {
    List<String> targets = new ArrayList<>(2);
    remotes.forEach((node, r) -> {
      if (r.interest().wants(outputs.shard())) {
        targets.add(node);
      }
    });
    if (!targets.isEmpty()) {
      List<RelayedOutputs.Output> out = new ArrayList<>(outputs.outputs().size());
      for (ShardOutputs.Output o : outputs.outputs()) {
        Object body = o.body() instanceof Published p ? JsonViews.published(p) : o.body();
        out.add(new RelayedOutputs.Output(o.address(), Json.encode(body)));
      }
      send(targets, new RelayedOutputs(self, out));
    }
  }

  /** A reject published on this node (a feed's or a shard's) goes to the nodes whose clients want rejects. */
  private void reject(Message<JsonObject> m) {
    if (m.headers().contains(Addresses.RELAYED_HEADER)) {
      return;
    }
    List<String> targets = new ArrayList<>(2);
    remotes.forEach((node, r) -> {
      if (r.interest().rejects()) {
        targets.add(node);
      }
    });
    if (!targets.isEmpty()) {
      send(targets, new RelayedOutputs(self, List.of(new RelayedOutputs.Output(Addresses.REJECTS, m.body().encode()))));
    }
  }

  private void send(List<String> targets, RelayedOutputs outputs) {
    for (String node : targets) {
      vertx.eventBus().send(Addresses.nodeRelay(node), outputs);
    }
  }

  private void republish(RelayedOutputs in) {
    DeliveryOptions options = new DeliveryOptions().setLocalOnly(true).addHeader(Addresses.RELAYED_HEADER, in.fromNode());
    for (RelayedOutputs.Output o : in.outputs()) {
      relayedMessages++;
      vertx.eventBus().publish(o.address(), new JsonObject(o.json()), options);
    }
  }
}
