package io.tickmesh.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import io.tickmesh.config.ConfigException;
import io.tickmesh.config.TickmeshConfig;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tickmesh's Hazelcast configuration: the file {@code cluster.config} names, with what keeps a cluster
 * on its own network forced on top whatever the file says (Hazelcast's built-in default discovers members
 * by multicast and reports usage home): multicast, auto-detection and phone-home off; the cluster's name
 * from {@code cluster.name}; this node's name as a member attribute, which is how every member learns
 * the others' names; the interface of {@code node.host}, when it names one; and the backups of Vert.x's subscription and node maps at min(6, expectedSize − 1), so
 * a majority never loses an entry (with fewer, Vert.x 5 keeps routes to dead nodes for ever).
 */
public final class HazelcastSetup {
  /** The member attribute that carries a node's {@code node.id}. */
  public static final String NODE_ATTRIBUTE = "tickmesh.node";

  private HazelcastSetup() {}

  /** The configuration of node {@code nodeName}; a missing or broken file is a {@link ConfigException} naming the key. */
  public static Config config(TickmeshConfig.Cluster cluster, String nodeName, String host) {
    Path file = Path.of(cluster.config());
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config key 'cluster.config': no Hazelcast configuration file at " + file.toAbsolutePath()
          + " (the default, cluster/cluster-local.xml, is found from the project folder)");
    }
    Config config;
    try {
      config = new FileSystemXmlConfig(file.toFile());
    } catch (FileNotFoundException | RuntimeException e) {
      throw new ConfigException("config key 'cluster.config': " + file + " is not a Hazelcast XML configuration: " + e.getMessage());
    }
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    config.getMemberAttributeConfig().setAttribute(NODE_ATTRIBUTE, nodeName);
    if (!"0.0.0.0".equals(host)) {
      // node.host names this node's own address: Hazelcast binds and announces it, like the event bus.
      config.setProperty("hazelcast.local.localAddress", host);
      config.getNetworkConfig().getInterfaces().setEnabled(true).clear().addInterface(host);
    }
    int backups = Math.min(6, Math.max(1, cluster.expectedSize() - 1));
    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(backups)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(backups));
    return config;
  }
}
