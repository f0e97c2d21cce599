package io.tickmesh.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.tickmesh.config.ConfigException;
import io.tickmesh.config.TickmeshConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a cluster node refuses to start with, each naming its key. */
class ClusterStartTest {
  @Test
  void aClusterNodeNeedsANameAndTheSharedDatabase() {
    assertThatThrownBy(() -> ClusterStart.check(TickmeshConfig.of(Map.of("cluster.enabled", true,
        "db.url", "postgresql://postgres:postgres@127.0.0.1:5432/postgres"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'node.id'");
    assertThatThrownBy(() -> ClusterStart.check(TickmeshConfig.of(Map.of("cluster.enabled", true, "node.id", "node-1"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'db.url'");
    assertThatNoException().isThrownBy(() -> ClusterStart.check(TickmeshConfig.of(Map.of("cluster.enabled", true,
        "node.id", "node-1", "db.url", "postgresql://postgres:postgres@127.0.0.1:5432/postgres"))));
  }
}
