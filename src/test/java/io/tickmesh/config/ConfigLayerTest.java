package io.tickmesh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLayerTest {

  @Test
  void nestedDottedAndMixedYamlNameTheSameKeys() {
    JsonObject nested = new JsonObject().put("feed", new JsonObject().put("tcp", new JsonObject().put("port", 1)));
    JsonObject dotted = new JsonObject().put("feed.tcp.port", 1);
    JsonObject mixed = new JsonObject().put("feed", new JsonObject().put("tcp.port", 1));
    List<ConfigLayer.Entry> expected = List.of(new ConfigLayer.Entry(ConfigKeys.FEED_TCP_PORT, 1, "f.yaml"));
    assertThat(ConfigLayer.fromYaml(nested, "f.yaml").entries()).isEqualTo(expected);
    assertThat(ConfigLayer.fromYaml(dotted, "f.yaml").entries()).isEqualTo(expected);
    assertThat(ConfigLayer.fromYaml(mixed, "f.yaml").entries()).isEqualTo(expected);
  }

  @Test
  void aKeyGivenTwiceInOneFileIsRefused() {
    JsonObject both = new JsonObject().put("http", new JsonObject().put("port", 1)).put("http.port", 2);
    assertThatThrownBy(() -> ConfigLayer.fromYaml(both, "f.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config key 'http.port' is given twice in f.yaml");
  }

  @Test
  void anEmptySectionSetsNothingButAnUnknownOneIsRefused() {
    JsonObject empty = new JsonObject().putNull("db").put("http", new JsonObject());
    assertThat(ConfigLayer.fromYaml(empty, "f.yaml").entries()).isEmpty();
    assertThatThrownBy(() -> ConfigLayer.fromYaml(new JsonObject().put("htp", new JsonObject()), "f.yaml"))
        .hasMessage("unknown config key 'htp' in f.yaml");
  }

  @Test
  void unknownYamlKeysNameTheFile() {
    JsonObject typo = new JsonObject().put("htp", new JsonObject().put("port", 1));
    assertThatThrownBy(() -> ConfigLayer.fromYaml(typo, "/tmp/x.yaml"))
        .hasMessage("unknown config key 'htp.port' in /tmp/x.yaml (did you mean 'http.port'?)");
    JsonObject tooDeep = new JsonObject().put("http", new JsonObject().put("port", new JsonObject().put("x", 1)));
    assertThatThrownBy(() -> ConfigLayer.fromYaml(tooDeep, "/tmp/x.yaml"))
        .hasMessage("unknown config key 'http.port.x' in /tmp/x.yaml (did you mean 'http.port'?)");
  }

  @Test
  void systemPropertiesAreReadAfterTheirPrefix() {
    ConfigLayer layer =
        ConfigLayer.fromSystemProperties(Map.of("tickmesh.http.port", "0", "java.home", "/jdk", "user.dir", "/"));
    assertThat(layer.entries())
        .containsExactly(new ConfigLayer.Entry(ConfigKeys.HTTP_PORT, "0", "system property tickmesh.http.port"));
  }

  @Test
  void unknownSystemPropertiesAreRefused() {
    assertThatThrownBy(() -> ConfigLayer.fromSystemProperties(Map.of("tickmesh.htp.port", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown config key 'htp.port' in system property tickmesh.htp.port"
            + " (did you mean tickmesh.http.port?)");
  }

  @Test
  void unknownCommandLineKeysAreRefused() {
    assertThatThrownBy(() -> ConfigLayer.fromValues(Map.of("sim.rate", "5"), "command line"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown config key 'sim.rate' in command line");
    assertThatThrownBy(() -> ConfigLayer.fromValues(Map.of("shard.count", "5"), "command line"))
        .hasMessage("unknown config key 'shard.count' in command line (did you mean 'shards.count'?)");
  }

  @Test
  void laterLayersWinButEveryLayerIsChecked() {
    ConfigLayer low = ConfigLayer.fromValues(Map.of("http.port", "1", "shards.count", "2"), "low");
    ConfigLayer high = ConfigLayer.fromValues(Map.of("http.port", "3"), "high");
    TickmeshConfig c = ConfigValidator.resolve(List.of(low, high));
    assertThat(c.http().port()).isEqualTo(3);
    assertThat(c.shards().count()).isEqualTo(2);
    ConfigLayer bad = ConfigLayer.fromValues(Map.of("http.port", "x"), "low");
    assertThatThrownBy(() -> ConfigValidator.resolve(List.of(bad, high)))
        .hasMessage("config key 'http.port' (low): expected an integer between 0 and 65535, got 'x'");
  }

  @Test
  void theBatchRuleNamesWhereEachSideCameFrom() {
    ConfigLayer file = ConfigLayer.fromValues(Map.of("feed.batchSize", 1024), "/etc/tm.yaml");
    ConfigLayer env = ConfigLayer.fromValues(Map.of("feed.maxPendingTicks", "1000"), "environment X");
    assertThatThrownBy(() -> ConfigValidator.resolve(List.of(file, env)))
        .hasMessage("config key 'feed.maxPendingTicks' (environment X): expected at least feed.batchSize"
            + " (1024 from /etc/tm.yaml), got 1000");
  }
}
