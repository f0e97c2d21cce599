package io.tickmesh.cluster;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.ShardClaimed;
import io.tickmesh.model.ShardFenced;
import io.tickmesh.model.ShardHandOff;
import io.tickmesh.model.ShardReleased;
import io.tickmesh.model.WriteGate;
import io.tickmesh.obs.WallClock;
import io.tickmesh.shard.ShardStart;
import io.tickmesh.shard.ShardVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the shards this node owns: on every new {@link ClusterView} it works out which shards are its own
 * (rendezvous hashing over the live members, none without a quorum) and deploys or stops
 * {@link ShardVerticle}s to match. A shard is taken by a claim in the {@link ShardLedger} (a new ownership
 * epoch, which fences every earlier owner's writes), restored from its last durable checkpoint, and only
 * then deployed, so its consumer registers and batches reach it. A shard given up in a planned move (a
 * node joined, or this one stops) is handed over: it stops taking batches, takes a last checkpoint whose
 * state goes straight to its next owner, which serves it at once (provisionally: its writer holds the
 * shard's rows until the hand-over commits), and its last rows, that checkpoint and the hand-over are
 * written in one transaction; then it is released. A node that loses its quorum drops every shard at
 * once without writing anything, and a shard whose write was fenced (another node claimed it) is dropped
 * the same way.
 *
 * <p>Consumes {@code tm.cluster.view}, {@code tm.store.fenced} and {@code tm.store.durable} (local),
 * {@code tm.node.<self>.handoff}, and {@code tm.cluster.released} and {@code tm.cluster.claimed} (from
 * every node); sends {@code tm.node.<next>.handoff}, asks {@code tm.store.gate} and {@code tm.store.flush};
 * publishes {@code tm.cluster.claimed} and {@code tm.cluster.released} to every node, and
 * {@code tm.cluster.state} locally. Answers
 * {@code tm.cluster.releaseAll} (the stop). Owns: the shards' deployments. Threading: its event loop;
 * each shard's steps run one after the other, chained on a future per shard.
 */
public final class ShardOwnershipVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ShardOwnershipVerticle.class);
  /**
   * How long a new owner waits for the old one's hand-off before it claims anyway (the claim fences it):
   * longer than the old owner's drain and last flush together, so a hand-over under load is not cut short
   * (the old owner serves while it drains: the wait is not a pause). A node that dies meanwhile is not
   * waited for: its leaving the view ends the wait. Also how long a hand-off's state stays usable, and how
   * long a shard served from one waits for word that its hand-over committed before it asks the ledger.
   */
  private static final long HANDOFF_WAIT_MS = 18_000;
  /**
   * How long a hand-off lets the store drain the shard's backlog while it still serves (not a pause).
   * Measured under a saturating replay, a join's drain took 3-8 s on the feed node; cut at 5 s, its last
   * flush then waited 1-2 s for the rest.
   */
  private static final long DRAIN_MS = 10_000;
  /** The same while the node stops (SIGTERM): all of it must fit in {@code node.shutdownTimeoutMs}. */
  private static final long STOP_DRAIN_MS = 5_000;
  /** How long a hand-off waits for its last flush (or its last checkpoint to be durable). */
  private static final long LAST_CHECKPOINT_MS = 5_000;
  /** How long after a frozen shard was dropped the node follows its view again (Hazelcast's news comes first). */
  private static final long STALL_RECHECK_MS = 2_000;
  /** How long after a failed claim (the database unreachable, say) the node tries again. */
  private static final long CLAIM_RETRY_MS = 1_000;
  /**
   * How long a claim, adoption, release or owner lookup in the ledger may take: a claim may wait seconds
   * for the fence lock of a dead owner's session; past this it is given up and tried again (a claim that
   * commits late only raised an epoch nobody serves).
   */
  private static final long LEDGER_MS = 30_000;
  /**
   * How often the node checks that it serves what its view gives it: a shard its own with no step under
   * way for two checks running is claimed (whatever left it so is a bug, and it says so in the log); a
   * step under way past {@link #STEP_WARN_NANOS} is logged with its shard.
   */
  private static final long AUDIT_MS = 5_000;
  private static final long STEP_WARN_NANOS = 60_000_000_000L;

  /** A shard this node runs. */
  private static final class Held {
    final long epoch;
    final String deploymentId;

    Held(long epoch, String deploymentId) {
      this.epoch = epoch;
      this.deploymentId = deploymentId;
    }
  }

  private final TickmeshConfig config;
  private final String self;
  private final ShardLedger ledger;
  private final int shards;
  private final Map<Integer, Held> held = new HashMap<>();
  private final ShardSteps steps = new ShardSteps();
  /** Shards whose claim failed and is tried again soon (one timer each). */
  private final Set<Integer> retrying = new HashSet<>();
  /** Shards the last audit found this node's, not served, with nothing under way. */
  private Set<Integer> idleLastAudit = Set.of();
  /** Releases, handed states and waits for them: what this node hears of shards moving between nodes. */
  private final HandOverNews news;
  /** The checkpoints the store made durable, and hand-overs waiting for one. */
  private final DurableWaits durableWaits = new DurableWaits();
  /**
   * The highest epoch under which this node served each shard: it never serves one twice (a second start
   * under the same epoch would number its checkpoints as the first did, and the feeds would take one's
   * durable checkpoint for the other's).
   */
  private final Map<Integer, Long> servedEpochs = new HashMap<>();
  private ClusterView view;
  private ClusterView previous;
  /** Whether this node has had a quorum since it started: until then it is joining, and others hand it shards. */
  private boolean everHadQuorum;
  private boolean stopping;
  private final OwnershipFigures figures = new OwnershipFigures();

  /** The shards of node {@code self}, claimed in {@code ledger}. */
  public ShardOwnershipVerticle(TickmeshConfig config, String self, ShardLedger ledger) {
    this.config = config;
    this.self = self;
    this.ledger = ledger;
    this.shards = config.shards().count();
    this.news = new HandOverNews(self, TimeUnit.MILLISECONDS.toNanos(HANDOFF_WAIT_MS));
  }

  @Override
  public Future<?> start() {
    var views = vertx.eventBus().<ClusterView>localConsumer(Addresses.CLUSTER_VIEW, m -> onView(m.body()));
    var released = vertx.eventBus().<ShardReleased>consumer(Addresses.SHARD_RELEASED, m -> {
      ShardReleased notice = m.body();
      if (notice.node().equals(self)) {
        return; // its own, published to every node
      }
      if (!news.released(notice, System.nanoTime()) && notice.to().equals(self) && !held.containsKey(notice.shard())) {
        follow(); // given a shard no claim of this node waits for (it was dropped meanwhile, say): take it if the view says so
      }
    });
    var handedOff = vertx.eventBus().<ShardHandOff>consumer(Addresses.nodeHandOff(self), m -> handedOff(m.body()));
    var claimedElsewhere = vertx.eventBus().<ShardClaimed>consumer(Addresses.SHARD_CLAIMED, m -> news.claimed(m.body()));
    var durables = vertx.eventBus().<DurableCheckpoints>localConsumer(Addresses.STORE_DURABLE, m -> durable(m.body()));
    var fences = vertx.eventBus().<Object>localConsumer(Addresses.STORE_FENCED, m -> fenced(m.body()));
    var stalls = vertx.eventBus().<ShardFenced>localConsumer(Addresses.SHARD_STALLED, m -> stalled(m.body()));
    var releaseAll = vertx.eventBus().<Object>localConsumer(Addresses.CLUSTER_RELEASE_ALL,
        m -> releaseAll().onComplete(ar -> m.reply(new JsonObject().put("released", ar.succeeded()))));
    var stats = vertx.eventBus().<Object>localConsumer(Addresses.CLUSTER_OWNERSHIP_STATS, m -> m.reply(stats()));
    var unused = vertx.setPeriodic(AUDIT_MS, id -> audit());
    return Future.all(List.of(views.completion(), released.completion(), handedOff.completion(), claimedElsewhere.completion(),
        durables.completion(), fences.completion(),
        stalls.completion(), releaseAll.completion(), stats.completion()));
  }

  private void onView(ClusterView next) {
    previous = view;
    view = next;
    // a node that died while handing a shard over will not release it: stop waiting, the claim fences it
    news.viewChanged(next);
    follow();
    everHadQuorum |= next.hasQuorum();
  }

  /**
   * The state of a shard another node hands this one: kept for the claim of that shard, which serves it
   * at once; a claim waiting for that node's release waits no more.
   */
  private void handedOff(ShardHandOff handOff) {
    if (!handOff.to().equals(self) || held.containsKey(handOff.shard())) {
      return;
    }
    news.handedOff(handOff, System.nanoTime());
  }

  /** Claims, hands over or drops shards until this node runs exactly those the current view gives it. */
  private void follow() {
    if (stopping || view == null) {
      return;
    }
    Set<Integer> wanted = view.owned(shards);
    if (!view.hasQuorum()) {
      for (Integer shard : List.copyOf(held.keySet())) {
        after(shard, () -> drop(shard, "quorum lost"));
      }
    } else {
      for (Integer shard : List.copyOf(held.keySet())) {
        if (!wanted.contains(shard)) {
          after(shard, () -> handOver(shard));
        }
      }
      for (Integer shard : wanted) {
        if (!held.containsKey(shard)) {
          String from = handingOver(shard);
          after(shard, () -> claim(shard, from));
        }
      }
    }
    publishState();
  }

  /** Runs {@code step} for {@code shard} once its earlier steps are done, whatever their outcome. */
  private void after(int shard, Supplier<Future<Void>> step) {
    var unused = steps.after(shard, step); // its end is the next step's start; a failure is logged there
  }

  /**
   * Every {@link #AUDIT_MS}: a shard the view gives this node that it neither serves nor works on, two
   * audits running, is claimed (the claim fences whoever might still hold it); a step under way for over
   * a minute is logged. Neither should happen: each is a bug's trace, with the shard to look for.
   */
  private void audit() {
    if (stopping || view == null || !view.hasQuorum()) {
      idleLastAudit = Set.of();
      return;
    }
    long now = System.nanoTime();
    Set<Integer> idle = new TreeSet<>();
    for (Integer shard : view.owned(shards)) {
      if (held.containsKey(shard) || retrying.contains(shard)) {
        continue;
      }
      Long since = steps.runningSince(shard);
      if (since == null) {
        idle.add(shard);
      } else if (now - since > STEP_WARN_NANOS) {
        LOG.atWarn().addKeyValue("shard", shard).addKeyValue("sinceMs", (now - since) / 1_000_000)
            .log("shard {} is this node's but not served: a step of its ownership has been under way for {} ms", shard,
                (now - since) / 1_000_000);
      }
    }
    for (Integer shard : idle) {
      if (idleLastAudit.contains(shard)) {
        LOG.atWarn().addKeyValue("shard", shard)
            .log("shard {} is this node's but nobody claimed it here for over {} ms: claiming it now", shard, AUDIT_MS);
        after(shard, () -> claim(shard, null));
      }
    }
    idleLastAudit = idle;
  }

  /**
   * The node that ran {@code shard} before the current view gave it to this node, if that node hands it
   * over (a planned move: it is still a member, or says it is stopping); null if nobody does (a crash, or
   * no quorum before). A node that has just joined had no view with a quorum: the shard was then the owner's
   * among the others.
   */
  private String handingOver(int shard) {
    String before;
    if (previous != null && previous.hasQuorum()) {
      before = previous.owner(shard);
    } else if (!everHadQuorum) {
      List<String> others = view.members().stream().filter(m -> !m.equals(self)).toList();
      if (others.isEmpty()) {
        return null;
      }
      before = Rendezvous.owner(shard, others);
    } else {
      return null;
    }
    return !before.equals(self) && (view.members().contains(before) || view.leaving().contains(before)) ? before : null;
  }

  /**
   * Takes {@code shard} if this node should still own it, after node {@code from}'s hand-off when
   * {@code from} is not null (at most a moment): from the state that node handed it, if it did, else by
   * adopting the shard the hand-over gave it in the ledger, or by a claim.
   */
  private Future<Void> claim(int shard, String from) {
    if (held.containsKey(shard) || !stillWanted(shard)) {
      return Future.succeededFuture();
    }
    long t0 = System.nanoTime();
    Future<Void> waited = freshHandOff(shard) != null ? Future.succeededFuture() : handOffOf(shard, from);
    return waited
        .compose(v -> {
          if (!stillWanted(shard)) {
            return Future.<Void>failedFuture("moved again");
          }
          ShardHandOff handOff = freshHandOff(shard);
          news.forgetHandOff(shard);
          return handOff != null ? serve(shard, handOff, t0) : claimOrAdopt(shard, from, t0);
        })
        .recover(e -> {
          if ("moved again".equals(e.getMessage())) {
            return Future.succeededFuture();
          }
          LOG.atWarn().addKeyValue("shard", shard).log("claim of shard {} failed ({}); trying again in {} ms while this node"
              + " should own it", shard, e.getMessage(), CLAIM_RETRY_MS);
          if (retrying.add(shard)) {
            var unused = vertx.setTimer(CLAIM_RETRY_MS, id -> {
              retrying.remove(shard);
              after(shard, () -> claim(shard, null));
            });
          }
          return Future.succeededFuture();
        })
        .compose(v -> held.containsKey(shard) && !stillWanted(shard) ? handOver(shard) : Future.succeededFuture());
  }

  /** The state handed to this node for {@code shard} in the last {@link #HANDOFF_WAIT_MS}, if still its own; or null. */
  private ShardHandOff freshHandOff(int shard) {
    return news.freshHandOff(shard, System.nanoTime());
  }

  /**
   * Takes {@code shard} through the ledger: adopts it if a hand-over gave it to this node (no write), or
   * claims it (a new epoch, fencing every earlier owner), and serves it from its last durable checkpoint.
   */
  private Future<Void> claimOrAdopt(int shard, String from, long t0) {
    long handOffDone = System.nanoTime();
    boolean[] adopted = new boolean[1];
    HandOverNews.Release given = news.takeGift(shard, servedEpochs.getOrDefault(shard, 0L));
    Future<ShardLedger.Claim> claimed;
    if (given == null) {
      claimed = ledger.claim(shard, self).timeout(LEDGER_MS, TimeUnit.MILLISECONDS);
    } else {
      claimed = ledger.adopt(shard, self, given.toEpoch()).compose(c -> {
        adopted[0] = c != null;
        return c != null ? Future.succeededFuture(c) : ledger.claim(shard, self);
      }).timeout(LEDGER_MS, TimeUnit.MILLISECONDS);
    }
    return claimed.compose(c -> {
      long claimDone = System.nanoTime();
      return deploy(shard, new ShardStart(self, c.epoch(), c.checkpointId(), c.state())).map(v -> {
        long pauseMs = pauseMs(shard, from, t0);
        served(shard, c.epoch(), t0, pauseMs);
        LOG.atInfo().addKeyValue("shard", shard).addKeyValue("epoch", c.epoch()).addKeyValue("checkpoint", c.checkpointId())
            .addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000)
            .addKeyValue("handOffWaitMs", (handOffDone - t0) / 1_000_000)
            .addKeyValue("claimMs", (claimDone - handOffDone) / 1_000_000)
            .addKeyValue("given", adopted[0])
            .addKeyValue("deployMs", (System.nanoTime() - claimDone) / 1_000_000)
            .addKeyValue("pauseMs", pauseMs)
            .log("shard {} claimed under epoch {} and serving", shard, c.epoch());
        return (Void) null;
      });
    });
  }

  /**
   * Serves {@code shard} from the state its old owner handed this node, under the epoch its hand-over
   * gives, before that hand-over committed: the shard serves nowhere only from its stop there to its start
   * here, not while the old owner's last rows are written. Its own rows wait in the writer meanwhile. Once
   * the release says the hand-over committed, they are written; if it did not (its last flush failed or
   * was fenced, no word within {@link #HANDOFF_WAIT_MS} and the ledger does not say so, or the quorum was
   * lost), the shard is dropped with them and taken through the ledger (a claim's epoch skips the one of a
   * hand-over, so no two owners ever share one; the feeds send the dropped ticks again).
   */
  private Future<Void> serve(int shard, ShardHandOff handOff, long t0) {
    HandOverNews.Release release = news.lastRelease(shard);
    if (release != null && release.ends(handOff) && !release.commits(handOff)
        || handOff.toEpoch() <= servedEpochs.getOrDefault(shard, 0L)) {
      return claimOrAdopt(shard, null, t0); // its hand-over failed already, or this node served that epoch before
    }
    long epoch = handOff.toEpoch();
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true).setSendTimeout(LAST_CHECKPOINT_MS);
    return vertx.eventBus().request(Addresses.STORE_GATE, new WriteGate(shard, epoch, WriteGate.Action.HOLD), local)
        .compose(holding -> deploy(shard, new ShardStart(self, epoch, handOff.checkpointId(), handOff.state()))
            .recover(e -> vertx.eventBus().request(Addresses.STORE_GATE, new WriteGate(shard, epoch, WriteGate.Action.DISCARD), local)
                .transform(d -> Future.<Void>failedFuture(e)))) // nothing was served: nothing is held
        .compose(v -> {
          long servedAt = System.nanoTime();
          long pauseMs = Math.max(0, (WallClock.nanos() - handOff.stoppedAtNanos()) / 1_000_000);
          served(shard, epoch, t0, pauseMs);
          LOG.atInfo().addKeyValue("shard", shard).addKeyValue("epoch", epoch).addKeyValue("checkpoint", handOff.checkpointId())
              .addKeyValue("from", handOff.node()).addKeyValue("ms", (servedAt - t0) / 1_000_000).addKeyValue("pauseMs", pauseMs)
              .log("shard {} serving under epoch {} from the state {} handed over; its rows are written once the hand-over commits",
                  shard, epoch, handOff.node());
          return committed(shard, handOff).compose(ok -> {
            WriteGate.Action action = ok ? WriteGate.Action.WRITE : WriteGate.Action.DISCARD;
            Future<Void> dropped = ok ? Future.succeededFuture()
                : drop(shard, "the hand-over of " + handOff.node() + " under epoch " + epoch + " did not commit");
            return dropped.compose(d -> vertx.eventBus().request(Addresses.STORE_GATE, new WriteGate(shard, epoch, action), local))
                .compose(m -> {
                  LOG.atInfo().addKeyValue("shard", shard).addKeyValue("epoch", epoch)
                      .addKeyValue("commitWaitMs", (System.nanoTime() - servedAt) / 1_000_000).addKeyValue("committed", ok)
                      .log(ok ? "the hand-over of shard {} under epoch {} committed: its rows are written"
                          : "the hand-over of shard {} under epoch {} did not commit: it was dropped, and is claimed if still this node's",
                          shard, epoch);
                  if (!ok && stopping) {
                    // its successor may wait for this node's release: it gets one (the ledger's owner claims it)
                    vertx.eventBus().publish(Addresses.SHARD_RELEASED, new ShardReleased(shard, epoch, self, 0, "", 0));
                  }
                  return ok || !stillWanted(shard) ? Future.<Void>succeededFuture() : claimOrAdopt(shard, null, System.nanoTime());
                });
          });
        });
  }

  /**
   * Whether the hand-over behind {@code handOff} committed: its release says so, or, with no word within
   * {@link #HANDOFF_WAIT_MS}, the ledger does; the ledger at once if its old owner left the view (before
   * or while this node serves it). False at once without a quorum.
   */
  private Future<Boolean> committed(int shard, ShardHandOff handOff) {
    return news.commitOf(shard, handOff, view).timeout(HANDOFF_WAIT_MS, TimeUnit.MILLISECONDS)
        .recover(e -> ledger.adopt(shard, self, handOff.toEpoch()).timeout(LEDGER_MS, TimeUnit.MILLISECONDS)
            .map(c -> c != null).otherwise(false))
        .onComplete(ar -> news.settled(shard));
  }

  /** Deploys shard {@code shard} as {@code start} says; the node serves it from then on. */
  private Future<Void> deploy(int shard, ShardStart start) {
    news.forgetHandOff(shard);
    servedEpochs.merge(shard, start.epoch(), Math::max);
    return vertx.deployVerticle(new ShardVerticle(shard, config, start))
        .map(id -> {
          held.put(shard, new Held(start.epoch(), id));
          return (Void) null;
        });
  }

  /** Counts, remembers and announces a shard now served under {@code epoch}. */
  private void served(int shard, long epoch, long t0, long pauseMs) {
    figures.claimed(shard, epoch, (System.nanoTime() - t0) / 1_000_000, pauseMs);
    vertx.eventBus().publish(Addresses.SHARD_CLAIMED, new ShardClaimed(shard, epoch, self));
    publishState();
  }

  /**
   * How long {@code shard} served nowhere before this node served it, in ms: from the moment its last
   * owner ({@code from}, or whoever released it since the claim began) stopped it in its hand-over (the
   * wall clocks of both nodes); -1 when no hand-over told.
   */
  private long pauseMs(int shard, String from, long claimStartNanos) {
    HandOverNews.Release last = news.lastRelease(shard);
    if (from == null || last == null || last.stoppedAtNanos() == 0 || !(last.node().equals(from) || last.atNanos() >= claimStartNanos)
        || System.nanoTime() - last.atNanos() > TimeUnit.MILLISECONDS.toNanos(HANDOFF_WAIT_MS * 3)) {
      return -1;
    }
    return Math.max(0, (WallClock.nanos() - last.stoppedAtNanos()) / 1_000_000);
  }

  private boolean stillWanted(int shard) {
    return !stopping && view != null && view.hasQuorum() && view.owner(shard).equals(self);
  }

  /**
   * Waits for the hand-off of {@code shard} by node {@code from} (a planned move), unless it came already;
   * at most {@link #HANDOFF_WAIT_MS}, after which the claim fences it anyway. Claiming without waiting
   * would not be faster: the claim's lock waits for the old owner's writes, and its last checkpoint,
   * still being written, would be fenced and lost.
   */
  private Future<Void> handOffOf(int shard, String from) {
    HandOverNews.Release last = news.lastRelease(shard);
    boolean releasedAlready = last != null && last.node().equals(from)
        && System.nanoTime() - last.atNanos() < TimeUnit.MILLISECONDS.toNanos(HANDOFF_WAIT_MS * 3);
    if (from == null || releasedAlready) {
      return Future.succeededFuture();
    }
    if (!everHadQuorum) {
      // joining: the others may all be starting too, and then none of them ran the shard; the ledger knows who does
      return ledger.holder(shard).timeout(LEDGER_MS, TimeUnit.MILLISECONDS).otherwise(from).compose(holder -> {
        boolean live = holder != null && !holder.equals(self) && (view.members().contains(holder) || view.leaving().contains(holder));
        LOG.atDebug().addKeyValue("shard", shard).addKeyValue("holder", holder).addKeyValue("expected", from)
            .log("joining: shard {} is held by {}", shard, holder);
        return live ? releaseOf(shard, holder) : Future.succeededFuture();
      });
    }
    return releaseOf(shard, from);
  }

  /** Waits for node {@code from} to release {@code shard}: at most {@link #HANDOFF_WAIT_MS}. */
  private Future<Void> releaseOf(int shard, String from) {
    if (freshHandOff(shard) != null) {
      return Future.succeededFuture(); // its state came while this node asked who holds it
    }
    return news.releaseOf(shard, from).timeout(HANDOFF_WAIT_MS, TimeUnit.MILLISECONDS).recover(e -> {
      news.stopWaiting(shard);
      LOG.atWarn().addKeyValue("shard", shard).addKeyValue("from", from)
          .log("{} did not release shard {} within {} ms: claiming it anyway (fencing {})", from, shard, HANDOFF_WAIT_MS, from);
      return Future.succeededFuture();
    });
  }

  /**
   * A planned move. While the shard still serves, the writer puts its rows in flushes of their own, ahead
   * of the common backlog, and says when the common backlog holds none of them any more and few wait (at
   * most {@link #DRAIN_MS}). Then the shard stops taking batches and takes a last checkpoint, and the
   * checkpoint's state goes straight to the next owner ({@code ShardHandOff}), which serves it at once.
   * The writer writes its last rows, that checkpoint and the hand-over in one transaction: the shard is
   * given to its next owner under the next epoch (or released, when no next owner is known), which is
   * what lets that node write what it served. Then the others are told and the shard undeployed (its
   * batches, and queries once its state went, found no handler here since its stop). If that transaction
   * cannot be written, the checkpoint is made durable as any and the shard undeployed and released, and
   * the next owner drops what it served and claims it.
   * So the shard serves nowhere only from its stop to its start elsewhere: one message and a deployment,
   * not the backlog's drain or the last transaction.
   */
  private Future<Void> handOver(int shard) {
    Held h = held.get(shard);
    if (h == null) {
      return Future.succeededFuture();
    }
    String to = successor(shard);
    long t0 = System.nanoTime();
    long[] phases = new long[4]; // drained, stopped, last flush written, undeployed
    long[] stoppedAt = new long[1];
    long[] after = new long[1]; // the shard's epoch after its last flush handed it over; 0: released below
    boolean[] fencedAtEnd = new boolean[1];
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true).setSendTimeout(LAST_CHECKPOINT_MS);
    Future<Void> drained = !config.store().enabled() ? Future.succeededFuture()
        : vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject().put("shard", shard).put("drain", true),
                new DeliveryOptions(local).setSendTimeout(stopping ? STOP_DRAIN_MS : DRAIN_MS))
            .<Void>mapEmpty()
            .recover(e -> {
              LOG.atWarn().addKeyValue("shard", shard).log("the store did not drain shard {} in time ({}): handing it over anyway",
                  shard, e.getMessage());
              return Future.succeededFuture();
            });
    Future<Void> lastFlush = drained
        .compose(v -> {
          phases[0] = System.nanoTime();
          return vertx.eventBus().<Checkpoint>request(Addresses.shardStop(shard), to != null && config.store().enabled(), local);
        })
        .transform(stop -> {
          phases[1] = System.nanoTime();
          stoppedAt[0] = WallClock.nanos();
          if (!config.store().enabled()) {
            return stop.failed() ? Future.<Void>failedFuture(stop.cause()) : Future.<Void>succeededFuture();
          }
          if (stop.failed()) {
            // the writer writes what it has of the shard ahead of the backlog
            vertx.eventBus().request(Addresses.STORE_FLUSH, new JsonObject().put("shard", shard), local)
                .onFailure(e -> LOG.atDebug().addKeyValue("shard", shard).log("flush request at the hand-over: {}", e.getMessage()));
            return Future.failedFuture(stop.cause());
          }
          Checkpoint taken = stop.result().body();
          long checkpoint = taken == null ? 0 : taken.checkpointId();
          if (to != null && taken != null) {
            // its next owner serves from this state at once; the transaction below makes it its own
            vertx.eventBus().send(Addresses.nodeHandOff(to),
                new ShardHandOff(shard, h.epoch, self, to, h.epoch + 1, checkpoint, taken.state(), stoppedAt[0]));
          }
          JsonObject last = new JsonObject().put("shard", shard).put("final", true).put("epoch", h.epoch).put("node", self).put("to", to);
          return vertx.eventBus().<JsonObject>request(Addresses.STORE_FLUSH, last, local).compose(m -> {
            after[0] = m.body().getLong("epoch", 0L);
            fencedAtEnd[0] = m.body().getBoolean("fenced", false);
            return after[0] > 0 || fencedAtEnd[0] || checkpoint <= 0 ? Future.succeededFuture()
                : durableWaits.upTo(shard, checkpoint, LAST_CHECKPOINT_MS);
          });
        });
    return lastFlush
        .transform(ar -> {
          if (ar.failed()) {
            LOG.atWarn().addKeyValue("shard", shard).log("shard {} handed over without its last checkpoint ({}); its next owner"
                + " restores an earlier one and the feeds send the rest again", shard, ar.cause().getMessage());
          }
          phases[2] = System.nanoTime();
          // a shard given to its next owner is undeployed after the notice: it takes nothing any more,
          // and its new owner need not wait for that (50-300 ms under load)
          return after[0] > 0 ? Future.<Void>succeededFuture() : undeploy(shard, h);
        })
        .compose(v -> {
          phases[3] = System.nanoTime();
          return after[0] > 0 || fencedAtEnd[0] ? Future.succeededFuture()
              : ledger.release(shard, h.epoch, self).timeout(LEDGER_MS, TimeUnit.MILLISECONDS);
        })
        .onComplete(ar -> {
          figures.moved();
          boolean given = to != null && after[0] > h.epoch;
          vertx.eventBus().publish(Addresses.SHARD_RELEASED,
              new ShardReleased(shard, h.epoch, self, stoppedAt[0], given ? to : "", given ? after[0] : 0));
          if (held.get(shard) == h) {
            undeploy(shard, h).onFailure(e -> LOG.atWarn().addKeyValue("shard", shard)
                .log("undeploying shard {} after its hand-over: {}", shard, e.getMessage()));
          }
          long end = System.nanoTime();
          LOG.atInfo().addKeyValue("shard", shard).addKeyValue("epoch", h.epoch).addKeyValue("ms", (end - t0) / 1_000_000)
              .addKeyValue("to", given ? to : "")
              .addKeyValue("drainMs", phases[0] == 0 ? -1 : (phases[0] - t0) / 1_000_000)
              .addKeyValue("stopMs", phases[1] == 0 ? -1 : (phases[1] - phases[0]) / 1_000_000)
              .addKeyValue("lastFlushMs", phases[2] == 0 || phases[1] == 0 ? -1 : (phases[2] - phases[1]) / 1_000_000)
              .addKeyValue("undeployMs", phases[3] == 0 ? -1 : (phases[3] - phases[2]) / 1_000_000)
              .addKeyValue("releaseMs", phases[3] == 0 ? -1 : (end - phases[3]) / 1_000_000)
              .log(given ? "shard {} handed over to {} under epoch {}" : "shard {} handed over", shard, to, after[0]);
          publishState();
        });
  }

  /**
   * The node that runs {@code shard} once this one hands it over: its owner in the view, or, while this
   * node stops, the owner among the others that stay. Null without a quorum.
   */
  private String successor(int shard) {
    if (view == null || !view.hasQuorum()) {
      return null;
    }
    List<String> others = view.members().stream().filter(m -> !m.equals(self) && !view.leaving().contains(m)).toList();
    String owner = stopping ? (others.isEmpty() ? null : Rendezvous.owner(shard, others)) : view.owner(shard);
    return owner == null || owner.equals(self) ? null : owner;
  }

  /** Stops running {@code shard} at once, writing nothing more: quorum lost, or its writes fenced. */
  private Future<Void> drop(int shard, String why) {
    Held h = held.get(shard);
    if (h == null) {
      return Future.succeededFuture();
    }
    LOG.atWarn().addKeyValue("shard", shard).addKeyValue("epoch", h.epoch).log("shard {} dropped: {}", shard, why);
    return undeploy(shard, h).onComplete(ar -> publishState());
  }

  private Future<Void> undeploy(int shard, Held h) {
    held.remove(shard);
    return vertx.undeploy(h.deploymentId);
  }

  /**
   * A shard found its event loop had been frozen: it stopped serving. Dropped here; once Hazelcast had a
   * moment to tell this node whether it was left out meanwhile, the node follows its view again, and
   * claims the shard anew (a new epoch) if it is still its own.
   */
  private void stalled(ShardFenced notice) {
    Held h = held.get(notice.shard());
    if (h != null && h.epoch == notice.epoch()) {
      figures.stalled();
      after(notice.shard(), () -> drop(notice.shard(), "its event loop was frozen; it is claimed again if still this node's"));
      var unused = vertx.setTimer(STALL_RECHECK_MS, id -> follow());
    }
  }

  /** The writer refused a write of a shard: another node claimed it. It stops here at once. */
  private void fenced(Object notice) {
    if (notice instanceof ShardFenced f) {
      Held h = held.get(f.shard());
      if (h != null && h.epoch == f.epoch()) {
        figures.fenced();
        after(f.shard(), () -> drop(f.shard(), "its write under epoch " + f.epoch() + " was fenced: another node owns it now"));
        // two nodes claimed it while their views differed: once they agree, the one the view names claims it again
        var unused = vertx.setTimer(STALL_RECHECK_MS, id -> follow());
      }
    }
  }

  /** The store's durable checkpoints: those of the epochs this node serves count. */
  private void durable(DurableCheckpoints notice) {
    for (DurableCheckpoints.Durable d : notice.checkpoints()) {
      Held h = held.get(d.shard());
      if (h != null && h.epoch == d.epoch()) {
        durableWaits.durable(d.shard(), d.checkpointId());
      }
    }
  }

  /** The stop: every shard is handed over (last checkpoints durable), then nothing more is claimed. */
  private Future<Void> releaseAll() {
    stopping = true;
    vertx.eventBus().publish(Addresses.NODE_LEAVING, self);
    List<Future<Void>> all = new ArrayList<>();
    Set<Integer> running = new TreeSet<>(held.keySet());
    running.addAll(steps.shards()); // a shard being taken, served provisionally, say, is handed over once it is
    for (Integer shard : running) {
      all.add(steps.after(shard, () -> handOver(shard)));
    }
    return Future.join(all).mapEmpty();
  }

  private void publishState() {
    vertx.eventBus().publish(Addresses.CLUSTER_STATE, stats());
  }

  private JsonObject stats() {
    return figures.toJson(self, view, held.keySet());
  }
}
