package io.tickmesh.cli;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.tickmesh.cluster.HazelcastSetup;
import io.tickmesh.config.ConfigException;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.obs.MeteredVertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.TimeUnit;

/**
 * How {@code tickmesh node --cluster} starts: the settings a cluster node needs are checked first, then
 * it joins the Hazelcast cluster with Tickmesh's own configuration (never Hazelcast's default, which
 * looks for members by multicast), refuses a name another member already has, and starts the node.
 */
final class ClusterStart {
  private ClusterStart() {}

  /** Refuses a configuration a cluster node cannot run with. */
  static void check(TickmeshConfig config) {
    if (!config.cluster().enabled()) {
      return;
    }
    if (config.node().id() == null) {
      throw new ConfigException("config key 'node.id': required with cluster.enabled=true: each node needs a stable name"
          + " (the shards it owns follow its name), e.g. --set node.id=node-1");
    }
    if (config.db().url() == null) {
      throw new ConfigException("config key 'db.url': required with cluster.enabled=true: the nodes of a cluster share one"
          + " PostgreSQL (start one with 'tickmesh db' and give each node the db.url it prints)");
    }
    if (!config.store().enabled()) {
      throw new ConfigException("config key 'store.enabled': must be true with cluster.enabled=true: shard ownership,"
          + " fencing and recovery live in PostgreSQL (set db.url to the cluster's database)");
    }
  }

  /** A clustered Vert.x and its Hazelcast member. */
  record Joined(MeteredVertx metered, HazelcastInstance hazelcast) {}

  /** Joins the cluster; called on the command's own thread, which may wait. */
  static Joined join(TickmeshConfig config) throws Exception {
    String name = config.node().id();
    HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSetup.config(config.cluster(), name, config.node().host()));
    String host = "0.0.0.0".equals(config.node().host()) ? "127.0.0.1" : config.node().host();
    MeteredVertx metered = MeteredVertx.createClustered(manager, host, config.node().nativeTransport(),
        config.node().eventLoopThreads()).await(120, TimeUnit.SECONDS);
    HazelcastInstance hazelcast = manager.getHazelcastInstance();
    for (Member m : hazelcast.getCluster().getMembers()) {
      if (!m.localMember() && name.equals(m.getAttribute(HazelcastSetup.NODE_ATTRIBUTE))) {
        NodeCommand.closeQuietly(metered.vertx());
        throw new ConfigException("config key 'node.id': another member of cluster '" + config.cluster().name()
            + "' is already called " + name + " (" + m.getAddress() + "); give each node its own node.id");
      }
    }
    return new Joined(metered, hazelcast);
  }
}
