package io.tickmesh.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.multimap.MultiMap;
import io.vertx.spi.cluster.hazelcast.impl.HazelcastRegistrationInfo;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes event-bus registrations of nodes that are no longer members from Vert.x's subscription map
 * ({@code __vertx.subs}). Vert.x 5 removes a dead node's registrations when it leaves, but after two
 * nodes die close together some survive (NOTES-cluster §3.6), and every node keeps routing a share of
 * their addresses' messages to the dead instance, for minutes: seen as a restarted node's "no answer"
 * and shards without an owner long after it was back. Removing such an entry raises the map's removal
 * event on every node, which refreshes their routes. A registration counts as a dead node's only when
 * its node id is no member's: Vert.x's node id is a random UUID each member carries as its
 * {@code __vertx.nodeId} attribute (not Hazelcast's member UUID: compared with those, every entry looked
 * dead and this swept nothing). Nothing is touched unless some entry names a member (else the ids are not
 * what this expects). Blocking (Hazelcast calls): run on a worker.
 */
final class StaleRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(StaleRoutes.class);
  private static final String SUBS = "__vertx.subs";
  /** Where vertx-hazelcast keeps each member's Vert.x node id. */
  static final String VERTX_NODE_ID = "__vertx.nodeId";

  private StaleRoutes() {}

  /** Removes the registrations of nodes that are gone; answers how many. */
  static int sweep(HazelcastInstance hazelcast) {
    MultiMap<String, HazelcastRegistrationInfo> subs = hazelcast.getMultiMap(SUBS);
    Set<Map.Entry<String, HazelcastRegistrationInfo>> entries = subs.entrySet();
    // the members after the entries: a node that joined meanwhile is live, its new registrations kept
    Set<String> live = new HashSet<>();
    for (Member m : hazelcast.getCluster().getMembers()) {
      String id = m.getAttribute(VERTX_NODE_ID);
      if (id != null) {
        live.add(id);
      }
    }
    boolean idsMatch = entries.stream().anyMatch(e -> live.contains(e.getValue().unwrap().nodeId()));
    if (!idsMatch) {
      return 0;
    }
    int removed = 0;
    Set<String> dead = new HashSet<>();
    for (Map.Entry<String, HazelcastRegistrationInfo> e : entries) {
      String node = e.getValue().unwrap().nodeId();
      if (!live.contains(node) && subs.remove(e.getKey(), e.getValue())) {
        removed++;
        dead.add(node);
      }
    }
    if (removed > 0) {
      LOG.atWarn().addKeyValue("removed", removed).addKeyValue("deadNodes", dead)
          .log("removed {} event-bus registrations of {} gone nodes that Vert.x had kept: their addresses route to live nodes again",
              removed, dead.size());
    }
    return removed;
  }
}
