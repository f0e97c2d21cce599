package io.tickmesh.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.tickmesh.codec.Addresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of the cluster: the names of the Hazelcast members it sees (each member carries its
 * {@code node.id} as an attribute, see {@link HazelcastSetup}), as a {@link ClusterView}, published on
 * {@code tm.cluster.view} (node-local) whenever it changes. Recomputed on every membership event and every
 * second, since events can be missed around a split brain's merge. The view is Hazelcast's, so a node cut
 * off from the others, or frozen and woken up alone, sees itself alone: a minority, which owns nothing.
 *
 * <p>Threading: membership events arrive on Hazelcast's threads and are handed to this verticle's event
 * loop, where the view is computed and published.
 */
public final class MembershipVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MembershipVerticle.class);
  private static final long REFRESH_MS = 1_000;
  /** A refresh this late means the process was frozen (SIGSTOP, a long pause): past Hazelcast's 5 s, a zombie. */
  private static final long FROZEN_NANOS = 4_000_000_000L;
  /** How long a woken node the others do not confirm waits (for Hazelcast's merge) before it exits to rejoin. */
  private static final long REJOIN_NANOS = 20_000_000_000L;
  /** How often the event-bus registrations of gone nodes are looked for ({@link StaleRoutes})... */
  private static final long SWEEP_MS = 5_000;
  /** ...for this long after a member left: a whole map read, not worth doing while nobody leaves. */
  private static final long SWEEP_AFTER_LEAVE_NANOS = 60_000_000_000L;
  /** How long a joining node waits for a member's first answer before leaving it out of its view. */
  private static final long JOIN_SETTLE_NANOS = 6_000_000_000L;
  /** How long a confirmation request to another member may take. */
  private static final long CONFIRM_TIMEOUT_MS = 1_000;

  private final HazelcastInstance hazelcast;
  private final String self;
  private final int expectedSize;
  private final java.util.Set<String> leaving = new java.util.HashSet<>();
  /** Members known to run their ownership (they announced it, or answered): only they count in a view. */
  private final java.util.Set<String> ready = new java.util.HashSet<>();
  /** Members asked whether they are ready, the answer not in yet. */
  private final java.util.Set<String> asking = new java.util.HashSet<>();
  /**
   * Members whose answer is pending or timed out (a refusal for want of a handler is an answer: not
   * ready), with when they were first asked.
   */
  private final java.util.Map<String, Long> unanswered = new java.util.HashMap<>();
  /** Whether this node has had a view with a quorum since it started. */
  private boolean hadQuorum;
  private boolean sweeping;
  /** Until when (nanoTime) the registrations of gone nodes are looked for; 0: not since the start. */
  private long sweepUntil;
  private ClusterView view;
  private UUID listener;
  private long lastTick = System.nanoTime();
  /** When this node woke from a freeze, while the others have not yet confirmed it; 0 otherwise. */
  private long suspectSince;
  private boolean confirming;
  private boolean isolated;

  /** The view of node {@code self} among the members of {@code hazelcast}. */
  public MembershipVerticle(HazelcastInstance hazelcast, String self, int expectedSize) {
    this.hazelcast = hazelcast;
    this.self = self;
    this.expectedSize = expectedSize;
  }

  @Override
  public Future<?> start() {
    Context here = vertx.getOrCreateContext();
    listener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        here.runOnContext(v -> refresh());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        here.runOnContext(v -> {
          sweepUntil = System.nanoTime() + SWEEP_AFTER_LEAVE_NANOS;
          refresh();
        });
      }
    });
    var unused = vertx.setPeriodic(REFRESH_MS, id -> tick());
    var sweeps = vertx.setPeriodic(SWEEP_MS, id -> sweepStaleRoutes());
    // The others ask here whether this node sees them (a woken node checks it is still one of them).
    var asked = vertx.eventBus().consumer(Addresses.nodeView(self),
        m -> m.reply(new JsonArray(view == null ? List.of() : view.members())));
    // A node that stops says so first: it hands its shards over, and the others take them as it does.
    var leaves = vertx.eventBus().<String>consumer(Addresses.NODE_LEAVING, m -> {
      if (!m.body().equals(self) && leaving.add(m.body())) {
        LOG.atInfo().addKeyValue("node", m.body()).log("{} is stopping: its shards move to the others", m.body());
        refresh();
      }
    });
    var readies = vertx.eventBus().<String>consumer(Addresses.NODE_READY, m -> {
      if (m.body() != null && ready.add(m.body())) {
        refresh();
      }
    });
    ready.add(self);
    refresh();
    return Future.all(leaves.completion(), asked.completion(), readies.completion())
        .onSuccess(v -> vertx.eventBus().publish(Addresses.NODE_READY, self));
  }

  /**
   * The names of the members, this node's included, from their attributes; those stopping left out, and
   * those not ready yet. A node joins Hazelcast when it starts, seconds before it can claim a shard: counted
   * at once, it would be handed shards it cannot run, and they would pause until it could. So a member
   * counts once it has said it runs its ownership ({@code tm.cluster.ready}, when this verticle starts,
   * after the ownership verticle), or has answered {@code tm.node.<id>.view} (asked every second).
   */
  private List<String> names() {
    List<String> names = new ArrayList<>();
    for (Member m : hazelcast.getCluster().getMembers()) {
      String name = m.getAttribute(HazelcastSetup.NODE_ATTRIBUTE);
      if (name != null) {
        names.add(name);
      }
    }
    leaving.retainAll(names); // gone for good: a node of that name that comes back is a new start
    ready.retainAll(names); // likewise: it says again that it is ready when it is
    unanswered.keySet().retainAll(names);
    ready.add(self);
    names.removeAll(leaving);
    for (String name : names) {
      if (!ready.contains(name)) {
        askReady(name);
      }
    }
    names.retainAll(ready);
    if (!names.contains(self)) {
      names.add(self); // a member always sees itself, even between Hazelcast's own updates
    }
    return names;
  }

  /**
   * The periodic refresh, which also watches for a freeze. A node frozen past Hazelcast's failure timeout
   * (SIGSTOP, a long pause) wakes up a zombie: the others have left it out, while its own Hazelcast may
   * still list them for a while, or list it alone and merge it back only after 40 s or more (in runs here
   * 92 s, 136 s, or not within two minutes). So a node that notices it was frozen (this timer late by over
   * 4 s) holds a view of itself alone, no quorum, until a majority of the configured size confirms it:
   * the members it sees, asked over the event bus, list it in their own views. Unconfirmed for
   * {@link #REJOIN_NANOS}, it says so on {@code tm.cluster.isolated}, and the node exits with code 75 for
   * its supervisor (systemd, Kubernetes, the tests' rig) to start it again: a fresh start joins at once.
   */
  private void tick() {
    long now = System.nanoTime();
    if (now - lastTick > FROZEN_NANOS) {
      suspectSince = now;
      LOG.atWarn().addKeyValue("frozenMs", (now - lastTick) / 1_000_000)
          .log("this node ran nothing for {} ms (the process was frozen?): it owns nothing until the others confirm it is"
              + " still one of them", (now - lastTick) / 1_000_000);
    }
    lastTick = now;
    refresh();
    if (suspectSince == 0) {
      return;
    }
    if (!isolated && now - suspectSince > REJOIN_NANOS) {
      isolated = true;
      LOG.atError().addKeyValue("unconfirmedMs", (now - suspectSince) / 1_000_000)
          .log("woken from a freeze and not confirmed by the others for {} ms: it exits (code 75) to be restarted, and a"
              + " fresh start rejoins the cluster", (now - suspectSince) / 1_000_000);
      vertx.eventBus().publish(Addresses.NODE_ISOLATED, self);
    } else if (!confirming && !isolated) {
      confirm();
    }
  }

  /** The members node {@code name} sees, asked at {@code tm.node.<id>.view}. */
  private Future<JsonArray> viewOf(String name) {
    return vertx.eventBus().<JsonArray>request(Addresses.nodeView(name), "", new DeliveryOptions().setSendTimeout(CONFIRM_TIMEOUT_MS))
        .map(m -> m.body());
  }

  /** Asks {@code name} whether it runs its ownership yet: it does once its view address answers. */
  private void askReady(String name) {
    if (!asking.add(name)) {
      return;
    }
    unanswered.putIfAbsent(name, System.nanoTime());
    viewOf(name).onComplete(ar -> {
      asking.remove(name);
      if (ar.succeeded() || ar.cause() instanceof ReplyException e && e.failureType() == ReplyFailure.NO_HANDLERS) {
        unanswered.remove(name);
      }
      if (ar.succeeded() && ready.add(name)) {
        refresh();
      }
    });
  }

  /** Asks the other members Hazelcast lists whether they list this node; a majority (with this one) clears the suspicion. */
  private void confirm() {
    List<String> others = new ArrayList<>(names());
    others.remove(self);
    List<Future<Boolean>> answers = new ArrayList<>();
    for (String other : others) {
      answers.add(viewOf(other).map(members -> members.contains(self)).otherwise(false));
    }
    confirming = true;
    Future.join(answers).onComplete(ar -> {
      confirming = false;
      long yes = 1 + answers.stream().filter(f -> f.succeeded() && f.result()).count();
      if (suspectSince != 0 && yes >= expectedSize / 2 + 1) {
        LOG.atInfo().addKeyValue("confirmedBy", yes - 1).log("the others confirm this node is one of them: it takes part again");
        suspectSince = 0;
        refresh();
      }
    });
  }

  private void refresh() {
    if (!hazelcast.getLifecycleService().isRunning()) {
      return;
    }
    List<String> names = names(); // first: it drops those gone for good
    ClusterView next = suspectSince != 0 || joining() ? new ClusterView(List.of(self), self, expectedSize)
        : new ClusterView(names, self, expectedSize, leaving);
    hadQuorum |= next.hasQuorum();
    if (next.equals(view)) {
      return;
    }
    ClusterView before = view;
    view = next;
    LOG.atInfo().addKeyValue("members", next.members()).addKeyValue("quorum", next.hasQuorum())
        .addKeyValue("expectedSize", expectedSize)
        .log("cluster view: {} of {} expected members ({}){}", next.members().size(), expectedSize, String.join(", ", next.members()),
            next.hasQuorum() ? "" : ": no quorum, this node owns no shard");
    if (before != null && before.hasQuorum() != next.hasQuorum()) {
      LOG.atWarn().addKeyValue("members", next.members()).log(next.hasQuorum()
          ? "quorum regained: this node takes its shards again"
          : "quorum lost: this node drops its shards and pauses intake until a majority of the cluster is back");
    }
    vertx.eventBus().publish(Addresses.CLUSTER_VIEW, next);
  }

  /**
   * For a minute after a member left, looks for gone nodes' event-bus registrations on a worker (Hazelcast
   * calls block), one sweep at a time.
   */
  private void sweepStaleRoutes() {
    if (sweeping || System.nanoTime() - sweepUntil > 0 || !hazelcast.getLifecycleService().isRunning()) {
      return;
    }
    sweeping = true;
    vertx.executeBlocking(() -> StaleRoutes.sweep(hazelcast), false)
        .onComplete(ar -> {
          sweeping = false;
          if (ar.failed()) {
            LOG.atDebug().log("looking for stale event-bus registrations failed: {}", ar.cause().getMessage());
          }
        });
  }

  /**
   * Whether this node, never yet in a view with a quorum, still waits for a member's first answer (at
   * most {@link #JOIN_SETTLE_NANOS} after it asked): a member slow to answer, such as a node saturated
   * by a feed, would be left out of the joiner's first view, and the joiner would claim that member's
   * shards from under it (seen: a join fenced the feed node's shard 2, which then moved twice).
   */
  private boolean joining() {
    long now = System.nanoTime();
    return !hadQuorum && unanswered.values().stream().anyMatch(since -> now - since < JOIN_SETTLE_NANOS);
  }

  @Override
  public Future<?> stop() {
    if (listener != null && hazelcast.getLifecycleService().isRunning()) {
      hazelcast.getCluster().removeMembershipListener(listener);
    }
    return Future.succeededFuture();
  }
}
