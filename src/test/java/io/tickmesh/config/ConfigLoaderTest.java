package io.tickmesh.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {
  private static final Path DEFAULT_YAML = Path.of("config", "default.yaml");

  @TempDir Path dir;

  @Test
  void defaultYamlAloneGivesExactlyTheDefaults(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, ConfigSources.only(DEFAULT_YAML))
        .onComplete(ctx.succeeding(c -> {
          assertThat(c).isEqualTo(TickmeshConfig.defaults());
          ctx.completeNow();
        }));
  }

  @Test
  void defaultYamlSetsEveryKeyAndShowsTheUnsetOnesCommentedOut(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    String text = Files.readString(DEFAULT_YAML);
    ConfigKeys.ALL.stream()
        .filter(ConfigKey::optional)
        .map(k -> k.name().substring(k.name().lastIndexOf('.') + 1))
        .forEach(leaf -> assertThat(text).containsPattern("(?m)^ *# " + leaf + ": \\S"));
    Set<String> required =
        ConfigKeys.ALL.stream().filter(k -> !k.optional()).map(ConfigKey::name).collect(Collectors.toSet());
    YamlConfigFile.read(vertx, DEFAULT_YAML)
        .onComplete(ctx.succeeding(layer -> {
          assertThat(layer.entries()).extracting(e -> e.key().name()).containsExactlyInAnyOrderElementsOf(required);
          ctx.completeNow();
        }));
  }

  @Test
  void aMissingDefaultFileLeavesTheBuiltInDefaults(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, ConfigSources.only(dir.resolve("absent.yaml")))
        .onComplete(ctx.succeeding(c -> {
          assertThat(c).isEqualTo(TickmeshConfig.defaults());
          ctx.completeNow();
        }));
  }

  @Test
  void eachLayerOverridesThePreviousOne(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path base = write("base.yaml", """
        http.port: 1001
        feed.tcp.port: 1001
        bridge.tcp.port: 1001
        shards.count: 11
        sim.symbols: 11
        """);
    Path extra = write("extra.yaml", """
        feed.tcp.port: 1002
        bridge.tcp.port: 1002
        shards.count: 12
        sim.symbols: 12
        """);
    Map<String, String> env =
        Map.of("TICKMESH_BRIDGE_TCP_PORT", "1003", "TICKMESH_SHARDS_COUNT", "13", "TICKMESH_SIM_SYMBOLS", "13");
    Map<String, String> sys = Map.of("tickmesh.shards.count", "14", "tickmesh.sim.symbols", "14");
    Map<String, String> cli = Map.of("sim.symbols", "15");
    ConfigLoader.load(vertx, new ConfigSources(base, extra, env, sys, cli))
        .onComplete(ctx.succeeding(c -> {
          assertThat(c.http().port()).isEqualTo(1001);
          assertThat(c.feed().tcpPort()).isEqualTo(1002);
          assertThat(c.bridge().tcpPort()).isEqualTo(1003);
          assertThat(c.shards().count()).isEqualTo(14);
          assertThat(c.sim().symbols()).isEqualTo(15);
          assertThat(c.rejects().retain()).isEqualTo(10_000);
          ctx.completeNow();
        }));
  }

  @Test
  void nestedDottedAndMixedYamlGiveTheSameConfig(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path nested = write("nested.yaml", "feed:\n  tcp:\n    port: 0\n  batchSize: 64\nbars:\n  intervals: [5m, 1s]\n");
    Path dotted = write("dotted.yaml", "feed.tcp.port: 0\nfeed.batchSize: 64\nbars.intervals: [5m, 1s]\n");
    Path mixed = write("mixed.yaml", "feed:\n  tcp.port: 0\nfeed.batchSize: 64\nbars: {intervals: '1s,5m'}\n");
    TickmeshConfig expected =
        TickmeshConfig.of(Map.of("feed.tcp.port", 0, "feed.batchSize", 64, "bars.intervals", "1s,5m"));
    Future.all(loadDefaultFile(vertx, nested), loadDefaultFile(vertx, dotted), loadDefaultFile(vertx, mixed))
        .map(all -> all.<TickmeshConfig>list())
        .onComplete(ctx.succeeding(configs -> {
          assertThat(configs).containsOnly(expected).hasSize(3);
          ctx.completeNow();
        }));
  }

  @Test
  void environmentNamesMapToKeys(Vertx vertx, VertxTestContext ctx) {
    Map<String, String> env = Map.of("TICKMESH_FEED_TCP_PORT", "0", "TICKMESH_SIM_RATE_PER_SEC", "10",
        "tickmesh_node_shutdownTimeoutMs", "200", "TICKMESH_DB_DATADIR", "/var/tm", "HOME", "/root");
    ConfigLoader.load(vertx, new ConfigSources(DEFAULT_YAML, null, env, Map.of(), Map.of()))
        .onComplete(ctx.succeeding(c -> {
          assertThat(c.feed().tcpPort()).isZero();
          assertThat(c.sim().ratePerSec()).isEqualTo(10);
          assertThat(c.node().shutdownTimeoutMs()).isEqualTo(200);
          assertThat(c.db().dataDir()).isEqualTo("/var/tm");
          ctx.completeNow();
        }));
  }

  @Test
  void listValuesMayBeTextInEveryLayer(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path yamlText = write("text.yaml", "bars:\n  intervals: 1m,5s\n");
    Path yamlList = write("list.yaml", "bars:\n  intervals:\n    - 1h\n    - 1m\n");
    Future<TickmeshConfig> env = ConfigLoader.load(vertx,
        new ConfigSources(yamlList, null, Map.of("TICKMESH_BARS_INTERVALS", "1d,1s"), Map.of(), Map.of()));
    Future<TickmeshConfig> sys = ConfigLoader.load(vertx,
        new ConfigSources(yamlList, null, Map.of(), Map.of("tickmesh.bars.intervals", "5m"), Map.of()));
    Future<TickmeshConfig> cli = ConfigLoader.load(vertx,
        new ConfigSources(yamlList, null, Map.of(), Map.of(), Map.of("bars.intervals", "15m, 1m")));
    Future.all(loadDefaultFile(vertx, yamlText), loadDefaultFile(vertx, yamlList), env, sys, cli)
        .map(all -> all.<TickmeshConfig>list())
        .onComplete(ctx.succeeding(configs -> {
          assertThat(configs)
              .extracting(c -> c.bars().intervals().toString())
              .containsExactly("[5s, 1m]", "[1m, 1h]", "[1s, 1d]", "[5m]", "[1m, 15m]");
          ctx.completeNow();
        }));
  }

  @Test
  void yamlScalarsKeepTheirTypes(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = write("typed.yaml", """
        feed.maxClockSkewMs: 31536000000
        sim:
          seed: -9223372036854775808
          enabled: 'false'
        node.id: '007'
        db.url: ~
        """);
    loadDefaultFile(vertx, file).onComplete(ctx.succeeding(c -> {
      assertThat(c.feed().maxClockSkewMs()).isEqualTo(31_536_000_000L);
      assertThat(c.sim().seed()).isEqualTo(Long.MIN_VALUE);
      assertThat(c.sim().enabled()).isFalse();
      assertThat(c.node().id()).isEqualTo("007");
      assertThat(c.db().url()).isNull();
      ctx.completeNow();
    }));
  }

  @Test
  void aCommentOnlyFileSetsNothing(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = write("comments.yaml", "# nothing here yet\n# http.port: 1\n");
    ConfigLoader.load(vertx, new ConfigSources(DEFAULT_YAML, file, Map.of(), Map.of(), Map.of()))
        .onComplete(ctx.succeeding(c -> {
          assertThat(c).isEqualTo(TickmeshConfig.defaults());
          ctx.completeNow();
        }));
  }

  @Test
  void loadsWhenCalledOnAnEventLoop(Vertx vertx, VertxTestContext ctx) {
    vertx.getOrCreateContext().runOnContext(v -> ConfigLoader.load(vertx, ConfigSources.only(DEFAULT_YAML))
        .onComplete(ctx.succeeding(c -> {
          assertThat(Vertx.currentContext()).isNotNull();
          assertThat(c).isEqualTo(TickmeshConfig.defaults());
          ctx.completeNow();
        })));
  }

  private Future<TickmeshConfig> loadDefaultFile(Vertx vertx, Path file) {
    return ConfigLoader.load(vertx, ConfigSources.only(file));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
