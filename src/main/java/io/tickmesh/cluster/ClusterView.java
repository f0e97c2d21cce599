package io.tickmesh.cluster;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One node's view of the cluster: the sorted names of the live members, its own name, and the size the
 * cluster is configured for. A node owns shards only while its view holds a majority of that size (a
 * quorum): a node cut off from the others, or frozen and woken up alone, sees a minority and owns nothing,
 * so it cannot claim what the majority serves. Immutable.
 *
 * @param members the live members' names, sorted
 * @param self this node's name (one of the members)
 * @param expectedSize {@code cluster.expectedSize}
 * @param leaving members that said they are stopping ({@code tm.cluster.leaving}): left out of
 *     {@code members}, they still hand their shards over
 */
public record ClusterView(List<String> members, String self, int expectedSize, Set<String> leaving) {
  /** Sorts and copies the members; they must include {@code self}. */
  public ClusterView {
    members = List.copyOf(new TreeSet<>(members));
    leaving = Set.copyOf(leaving);
    if (!members.contains(self)) {
      throw new IllegalArgumentException("the view of " + self + " must include it: " + members);
    }
    if (expectedSize < 1) {
      throw new IllegalArgumentException("expectedSize must be at least 1, got " + expectedSize);
    }
  }

  /** A view in which no member is stopping. */
  public ClusterView(List<String> members, String self, int expectedSize) {
    this(members, self, expectedSize, Set.of());
  }

  /** A majority of the configured size. */
  public int quorum() {
    return expectedSize / 2 + 1;
  }

  /** Whether this view holds a quorum: only then does the node own shards. */
  public boolean hasQuorum() {
    return members.size() >= quorum();
  }

  /** The owner of {@code shard} in this view (whether or not the view has a quorum). */
  public String owner(int shard) {
    return Rendezvous.owner(shard, members);
  }

  /** The shards of {@code 0 .. shards-1} this node owns: none without a quorum. */
  public Set<Integer> owned(int shards) {
    Set<Integer> mine = new TreeSet<>();
    if (hasQuorum()) {
      for (int s = 0; s < shards; s++) {
        if (owner(s).equals(self)) {
          mine.add(s);
        }
      }
    }
    return mine;
  }
}
