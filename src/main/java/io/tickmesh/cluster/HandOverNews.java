package io.tickmesh.cluster;

import io.tickmesh.model.ShardClaimed;
import io.tickmesh.model.ShardHandOff;
import io.tickmesh.model.ShardReleased;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node hears of shards moving between nodes, kept for its claims: the last release of each shard
 * by another node, the states other nodes handed this one, the claims waiting for a release, and the
 * shards served provisionally from a handed state until word comes whether their hand-over committed.
 * Bookkeeping only: {@link ShardOwnershipVerticle} acts on what it answers (claims, deployments, the
 * ledger). Not thread-safe: owned by that verticle, called on its event loop.
 */
final class HandOverNews {
  /**
   * The last release of a shard by another node: by whom, when (nanoTime), when it stopped serving it (wall
   * clock), and to whom under which epoch it gave the shard ("" and 0: nobody).
   */
  record Release(String node, long epoch, long atNanos, long stoppedAtNanos, String to, long toEpoch) {
    /** Whether this release is the commit of {@code handOff}: the same owner and epoch, giving it as the hand-off said. */
    boolean commits(ShardHandOff handOff) {
      return node.equals(handOff.node()) && epoch == handOff.epoch() && to.equals(handOff.to()) && toEpoch == handOff.toEpoch();
    }

    /** Whether this release ends {@code handOff}'s hand-over, committed or not: the same owner and epoch. */
    boolean ends(ShardHandOff handOff) {
      return node.equals(handOff.node()) && epoch == handOff.epoch();
    }
  }

  /** A hand-off's state that came to this node, and when (nanoTime). */
  private record Received(ShardHandOff handOff, long atNanos) {}

  /** A claim waiting for node {@code from} to release the shard. */
  private record ReleaseWait(String from, Promise<Void> released) {}

  /** A shard served from a hand-off's state, waiting to hear whether the hand-over committed. */
  private record Provisional(ShardHandOff handOff, Promise<Boolean> committed) {}

  private final String self;
  private final long handOffNanos;
  /** Shards released by another node lately, in case the release beats the wait for it. */
  private final Map<Integer, Release> releases = new HashMap<>();
  /** Hand-offs' states sent to this node lately, by shard, until a claim takes them. */
  private final Map<Integer, Received> handOffs = new HashMap<>();
  private final Map<Integer, ReleaseWait> waits = new HashMap<>();
  private final Map<Integer, Provisional> provisional = new HashMap<>();

  /** The news of node {@code self}; a handed state older than {@code handOffNanos} is no longer used. */
  HandOverNews(String self, long handOffNanos) {
    this.self = self;
    this.handOffNanos = handOffNanos;
  }

  /**
   * Another node released a shard (at {@code nowNanos}): a state handed for a hand-over that did not
   * commit is no one's; a shard served provisionally hears whether its hand-over committed; a claim
   * waiting for the release waits no more. Returns whether a claim was waiting for it.
   */
  boolean released(ShardReleased notice, long nowNanos) {
    int shard = notice.shard();
    Release release = new Release(notice.node(), notice.epoch(), nowNanos, notice.stoppedAtNanos(), notice.to(), notice.toEpoch());
    releases.put(shard, release);
    Received handed = handOffs.get(shard);
    if (handed != null && release.ends(handed.handOff()) && !release.commits(handed.handOff())) {
      handOffs.remove(shard);
    }
    Provisional served = provisional.get(shard);
    if (served != null && release.ends(served.handOff())) {
      served.committed().tryComplete(release.commits(served.handOff()));
    }
    ReleaseWait waiting = waits.remove(shard);
    if (waiting != null) {
      waiting.released().tryComplete();
    }
    return waiting != null;
  }

  /** Another node handed this one a shard's state (at {@code nowNanos}): kept for its claim, which waits no more. */
  void handedOff(ShardHandOff handOff, long nowNanos) {
    handOffs.put(handOff.shard(), new Received(handOff, nowNanos));
    ReleaseWait waiting = waits.remove(handOff.shard());
    if (waiting != null) {
      waiting.released().tryComplete();
    }
  }

  /** A node claimed a shard: a state handed here for that epoch or an earlier one is another node's now. */
  void claimed(ShardClaimed notice) {
    Received handed = handOffs.get(notice.shard());
    if (!notice.node().equals(self) && handed != null && notice.epoch() >= handed.handOff().toEpoch()) {
      handOffs.remove(notice.shard());
    }
  }

  /**
   * A new view: a claim waiting for a node that left waits no more (its claim fences it); a shard served
   * provisionally stops hearing of its hand-over without a quorum (not committed, as far as this node
   * goes), and fails to hear when its old owner left (the ledger must say).
   */
  void viewChanged(ClusterView view) {
    waits.values().removeIf(w -> {
      boolean gone = !present(view, w.from());
      if (gone) {
        w.released().tryComplete();
      }
      return gone;
    });
    for (Provisional p : List.copyOf(provisional.values())) {
      if (!view.hasQuorum()) {
        p.committed().tryComplete(false);
      } else if (!present(view, p.handOff().node())) {
        p.committed().tryFail("its old owner left");
      }
    }
  }

  /**
   * The state handed to this node for {@code shard} in the last {@code handOffNanos} before
   * {@code nowNanos}, unless a release or another node's claim has ended its hand-over since; null if none
   * (an older one is forgotten).
   */
  ShardHandOff freshHandOff(int shard, long nowNanos) {
    Received handed = handOffs.get(shard);
    if (handed != null && nowNanos - handed.atNanos() >= handOffNanos) {
      handOffs.remove(shard);
      return null;
    }
    return handed == null ? null : handed.handOff();
  }

  /** The state handed for {@code shard} is taken (or no longer wanted). */
  void forgetHandOff(int shard) {
    handOffs.remove(shard);
  }

  /** The last release of {@code shard} by another node; null if none was heard. */
  Release lastRelease(int shard) {
    return releases.get(shard);
  }

  /**
   * The last release of {@code shard} if it gave the shard to this node under an epoch above
   * {@code servedUpTo} (the highest this node served it under), taken once; null if none did.
   */
  Release takeGift(int shard, long servedUpTo) {
    Release given = releases.get(shard);
    if (given == null || !given.to().equals(self) || given.toEpoch() <= servedUpTo) {
      return null;
    }
    releases.put(shard, new Release(given.node(), given.epoch(), given.atNanos(), given.stoppedAtNanos(), "", 0));
    return given;
  }

  /**
   * Completes once node {@code from} releases {@code shard} or hands it to this node, or leaves the view;
   * never fails (the caller bounds the wait and then calls {@link #stopWaiting}).
   */
  Future<Void> releaseOf(int shard, String from) {
    Promise<Void> released = Promise.promise();
    waits.put(shard, new ReleaseWait(from, released));
    return released.future();
  }

  /** The claim of {@code shard} waits for its release no more. */
  void stopWaiting(int shard) {
    waits.remove(shard);
  }

  /**
   * Whether the hand-over behind {@code handOff} committed, as far as this node hears: its release (now or
   * later) says so; false at once without a quorum; failed when its old owner is not in {@code view}
   * (no release will come: the ledger must say). Waits until {@link #settled} without a bound: the caller
   * bounds it.
   */
  Future<Boolean> commitOf(int shard, ShardHandOff handOff, ClusterView view) {
    Release release = releases.get(shard);
    if (release != null && release.ends(handOff)) {
      return Future.succeededFuture(release.commits(handOff));
    }
    if (view == null || !view.hasQuorum()) {
      return Future.succeededFuture(false);
    }
    if (!present(view, handOff.node())) {
      return Future.failedFuture("its old owner left");
    }
    Promise<Boolean> committed = Promise.promise();
    provisional.put(shard, new Provisional(handOff, committed));
    return committed.future();
  }

  /** The wait for word of {@code shard}'s hand-over is over. */
  void settled(int shard) {
    provisional.remove(shard);
  }

  private static boolean present(ClusterView view, String node) {
    return view.members().contains(node) || view.leaving().contains(node);
  }
}
