package io.tickmesh.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.tickmesh.codec.Addresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
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

  private final HazelcastInstance hazelcast;
  private final String self;
  private final int expectedSize;
  private final java.util.Set<String> leaving = new java.util.HashSet<>();
  private ClusterView view;
  private UUID listener;

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
        here.runOnContext(v -> refresh());
      }
    });
    var unused = vertx.setPeriodic(REFRESH_MS, id -> refresh());
    var current = vertx.eventBus().localConsumer(Addresses.CLUSTER_VIEW_NOW, m -> m.reply(view));
    // A node that stops says so first: it hands its shards over, and the others take them as it does.
    var leaves = vertx.eventBus().<String>consumer(Addresses.NODE_LEAVING, m -> {
      if (!m.body().equals(self) && leaving.add(m.body())) {
        LOG.atInfo().addKeyValue("node", m.body()).log("{} is stopping: its shards move to the others", m.body());
        refresh();
      }
    });
    refresh();
    return Future.all(current.completion(), leaves.completion());
  }

  /** The names of the members, this node's included, from their attributes; those stopping left out. */
  private List<String> names() {
    List<String> names = new ArrayList<>();
    for (Member m : hazelcast.getCluster().getMembers()) {
      String name = m.getAttribute(HazelcastSetup.NODE_ATTRIBUTE);
      if (name != null) {
        names.add(name);
      }
    }
    leaving.retainAll(names); // gone for good: a node of that name that comes back is a new start
    names.removeAll(leaving);
    if (!names.contains(self)) {
      names.add(self); // a member always sees itself, even between Hazelcast's own updates
    }
    return names;
  }

  private void refresh() {
    if (!hazelcast.getLifecycleService().isRunning()) {
      return;
    }
    ClusterView next = new ClusterView(names(), self, expectedSize);
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

  @Override
  public Future<?> stop() {
    if (listener != null && hazelcast.getLifecycleService().isRunning()) {
      hazelcast.getCluster().removeMembershipListener(listener);
    }
    return Future.succeededFuture();
  }
}
