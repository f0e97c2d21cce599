package io.tickmesh.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Which member owns a shard: rendezvous (highest random weight) hashing. Every member weighs each
 * (shard, member name) pair with the same 64-bit hash and the heaviest member owns the shard, so every
 * node computes the same owners from the same view without talking to the others, and a member that
 * joins or leaves moves only the shards it wins or held (about 1/N of them). The hash is fixed: changing
 * it would move every shard of a running cluster. Pure.
 */
public final class Rendezvous {
  private Rendezvous() {}

  /** The owner of {@code shard} among {@code members} (not empty), whatever their order. */
  public static String owner(int shard, Collection<String> members) {
    String best = null;
    long bestWeight = 0;
    for (String m : members) {
      long w = weight(shard, m);
      // ties (astronomically rare) go to the smaller name, so the order of members never matters
      if (best == null || Long.compareUnsigned(w, bestWeight) > 0 || (w == bestWeight && m.compareTo(best) < 0)) {
        best = m;
        bestWeight = w;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("no members to own shard " + shard);
    }
    return best;
  }

  /** The owner of every shard {@code 0 .. shards-1}, in shard order. */
  public static List<String> owners(int shards, Collection<String> members) {
    String[] out = new String[shards];
    for (int s = 0; s < shards; s++) {
      out[s] = owner(s, members);
    }
    return List.of(out);
  }

  /** The weight of {@code member} for {@code shard}: 64-bit FNV-1a of the name, mixed with the shard (SplitMix64's finalizer). */
  static long weight(int shard, String member) {
    long h = 0xcbf29ce484222325L;
    for (byte b : member.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= (shard + 1) * 0x9E3779B97F4A7C15L;
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
