package io.tickmesh.cluster;

import io.tickmesh.obs.WallClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.TreeSet;

/**
 * What a node's shard ownership did since it started, for {@code tm.cluster.state} and the cluster API:
 * how many shards it claimed, handed over, lost to a fence or to a frozen event loop, and its last
 * {@link #RECENT} claims. Not thread-safe: owned by {@link ShardOwnershipVerticle}.
 */
final class OwnershipFigures {
  /** How many recent claims the figures list. */
  static final int RECENT = 128;

  private long claims;
  private long moves;
  private long fenced;
  private long stalls;
  private final JsonArray recentClaims = new JsonArray();

  /**
   * A shard served under {@code epoch}, {@code ms} after it became this node's; {@code pauseMs} how long
   * it served nowhere after a hand-over (-1: no hand-over told). Kept among the last {@link #RECENT}.
   */
  void claimed(int shard, long epoch, long ms, long pauseMs) {
    claims++;
    if (recentClaims.size() == RECENT) {
      var unused = recentClaims.remove(0);
    }
    recentClaims.add(new JsonObject().put("shard", shard).put("epoch", epoch).put("ms", ms).put("pauseMs", pauseMs)
        .put("at", WallClock.nanos()));
  }

  /** A shard handed over (given to its next owner or released). */
  void moved() {
    moves++;
  }

  /** A shard dropped because its write was fenced. */
  void fenced() {
    fenced++;
  }

  /** A shard dropped because its event loop had been frozen. */
  void stalled() {
    stalls++;
  }

  /**
   * The figures as {@code tm.cluster.state} publishes them, with node {@code self}'s view ({@code null}:
   * none yet) and the shards it serves.
   */
  JsonObject toJson(String self, ClusterView view, Collection<Integer> owned) {
    return new JsonObject()
        .put("self", self)
        .put("quorum", view != null && view.hasQuorum())
        .put("members", view == null ? new JsonArray() : new JsonArray(view.members()))
        .put("owned", new JsonArray(new ArrayList<>(new TreeSet<>(owned))))
        .put("claims", claims)
        .put("moves", moves)
        .put("fenced", fenced)
        .put("stalls", stalls)
        .put("recentClaims", recentClaims.copy());
  }
}
