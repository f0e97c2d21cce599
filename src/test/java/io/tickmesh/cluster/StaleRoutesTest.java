package io.tickmesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.multimap.MultiMap;
import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.spi.cluster.hazelcast.impl.HazelcastRegistrationInfo;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sweep of a gone node's event-bus registrations, on a real (one-member, loopback) Hazelcast with the
 * node's own configuration: entries of a node id no member carries go, a member's stay.
 */
class StaleRoutesTest {
  @Test
  void removesTheRegistrationsOfGoneNodesOnly() {
    String self = UUID.randomUUID().toString();
    Config config = HazelcastSetup.config(
        new TickmeshConfig.Cluster(true, 1, "cluster/cluster-local.xml", "tm-unit-" + UUID.randomUUID().toString().substring(0, 8)),
        "node-1", "127.0.0.1");
    config.getMemberAttributeConfig().setAttribute(StaleRoutes.VERTX_NODE_ID, self); // as vertx-hazelcast does
    HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
    try {
      MultiMap<String, HazelcastRegistrationInfo> subs = hazelcast.getMultiMap("__vertx.subs");
      String gone = UUID.randomUUID().toString();
      subs.put("shard.7", new HazelcastRegistrationInfo(new RegistrationInfo(self, 1, false)));
      subs.put("shard.7", new HazelcastRegistrationInfo(new RegistrationInfo(gone, 1, false)));
      subs.put("shard.9", new HazelcastRegistrationInfo(new RegistrationInfo(gone, 2, false)));

      assertThat(StaleRoutes.sweep(hazelcast)).isEqualTo(2);
      assertThat(subs.get("shard.7")).extracting(r -> r.unwrap().nodeId()).containsExactly(self);
      assertThat(subs.get("shard.9")).isEmpty();
      assertThat(StaleRoutes.sweep(hazelcast)).as("nothing left to sweep").isZero();

      subs.clear();
      subs.put("shard.9", new HazelcastRegistrationInfo(new RegistrationInfo(gone, 2, false)));
      assertThat(StaleRoutes.sweep(hazelcast)).as("no entry names a member: ids not what the sweep expects").isZero();
      assertThat(subs.get("shard.9")).hasSize(1);
    } finally {
      hazelcast.shutdown();
    }
  }
}
