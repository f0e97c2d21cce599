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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Loads that must fail, and the message the person starting the node reads. */
@ExtendWith(VertxExtension.class)
class ConfigLoaderFailureTest {
  private static final Path DEFAULT_YAML = Path.of("config", "default.yaml");

  @TempDir Path dir;

  @Test
  void unknownKeyInTheDefaultFile(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = write("default.yaml", "htp:\n  port: 1\n");
    expect(ctx, ConfigLoader.load(vertx, ConfigSources.only(file)),
        "unknown config key 'htp.port' in " + file + " (did you mean 'http.port'?)");
  }

  @Test
  void unknownKeyInTheConfigFile(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = write("x.yaml", "sim:\n  ratePerSecond: 5\n");
    expect(ctx, ConfigLoader.load(vertx, sources(file, Map.of(), Map.of(), Map.of())),
        "unknown config key 'sim.ratePerSecond' in " + file + " (did you mean 'sim.ratePerSec'?)");
  }

  @Test
  void unknownEnvironmentVariable(Vertx vertx, VertxTestContext ctx) {
    expect(ctx, ConfigLoader.load(vertx, sources(null, Map.of("TICKMESH_HTTP_PROT", "1"), Map.of(), Map.of())),
        "unknown config key 'http.prot' in environment TICKMESH_HTTP_PROT (did you mean TICKMESH_HTTP_PORT?)");
  }

  @Test
  void unknownSystemProperty(Vertx vertx, VertxTestContext ctx) {
    expect(ctx, ConfigLoader.load(vertx, sources(null, Map.of(), Map.of("tickmesh.shards", "2"), Map.of())),
        "unknown config key 'shards' in system property tickmesh.shards (did you mean tickmesh.shards.count?)");
  }

  @Test
  void unknownCommandLineKey(Vertx vertx, VertxTestContext ctx) {
    expect(ctx, ConfigLoader.load(vertx, sources(null, Map.of(), Map.of(), Map.of("http.prot", "1"))),
        "unknown config key 'http.prot' in command line (did you mean 'http.port'?)");
  }

  @Test
  void invalidEnvironmentValueNamesTheVariable(Vertx vertx, VertxTestContext ctx) {
    expect(ctx, ConfigLoader.load(vertx, sources(null, Map.of("TICKMESH_HTTP_PORT", "abc"), Map.of(), Map.of())),
        "config key 'http.port' (environment TICKMESH_HTTP_PORT): expected an integer between 0 and 65535,"
            + " got 'abc'");
  }

  @Test
  void invalidYamlValueNamesTheFileEvenWhenALaterLayerOverridesIt(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    Path file = write("x.yaml", "http:\n  port: 70000\n");
    expect(ctx, ConfigLoader.load(vertx, sources(file, Map.of(), Map.of(), Map.of("http.port", "1"))),
        "config key 'http.port' (" + file + "): expected an integer between 0 and 65535, got 70000");
  }

  @Test
  void invalidSystemPropertyAndCommandLineValues(Vertx vertx, VertxTestContext ctx) {
    Future<TickmeshConfig> sys =
        ConfigLoader.load(vertx, sources(null, Map.of(), Map.of("tickmesh.bars.intervals", "1s,1s"), Map.of()));
    Future<TickmeshConfig> cli =
        ConfigLoader.load(vertx, sources(null, Map.of(), Map.of(), Map.of("db.url", "jdbc:postgresql://db/tm")));
    Future.join(sys, cli).mapEmpty().onComplete(ctx.failing(e -> {
      assertThat(sys.cause()).hasMessageStartingWith(
          "config key 'bars.intervals' (system property tickmesh.bars.intervals): expected a non-empty list");
      assertThat(sys.cause()).hasMessageEndingWith("got '1s,1s' (1s is given twice)");
      assertThat(cli.cause()).hasMessage("config key 'db.url' (command line): expected a URL starting with"
          + " postgresql:// or postgres:// (or unset), got 'jdbc:postgresql://db/tm'");
      ctx.completeNow();
    }));
  }

  @Test
  void pendingTicksBelowTheBatchSize(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = write("x.yaml", "feed:\n  batchSize: 2048\n");
    expect(ctx, ConfigLoader.load(vertx, sources(file, Map.of("TICKMESH_FEED_MAX_PENDING_TICKS", "1024"),
            Map.of(), Map.of())),
        "config key 'feed.maxPendingTicks' (environment TICKMESH_FEED_MAX_PENDING_TICKS): expected at least"
            + " feed.batchSize (2048 from " + file + "), got 1024");
  }

  @Test
  void missingConfigFile(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("nope.yaml");
    expect(ctx, ConfigLoader.load(vertx, sources(file, Map.of(), Map.of(), Map.of())),
        "config file not found: " + file);
  }

  @Test
  void malformedYamlGivesTheFileAndTheParsersReasonOnOneLine(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    Path file = write("bad.yaml", "http:\n  port: [1, 2\nsim: 3\n");
    ConfigLoader.load(vertx, sources(file, Map.of(), Map.of(), Map.of()))
        .onComplete(ctx.failing(e -> {
          assertThat(e).isInstanceOf(ConfigException.class)
              .hasMessageStartingWith("config file " + file + " is not valid YAML: ")
              .hasMessageEndingWith("(line 3, column 4), while parsing a flow sequence (line 2, column 9)");
          assertThat(e.getMessage()).doesNotContain("\n");
          ctx.completeNow();
        }));
  }

  @Test
  void tabIndentedYaml(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = write("tabs.yaml", "http:\n\tport: 1\n");
    expect(ctx, ConfigLoader.load(vertx, sources(file, Map.of(), Map.of(), Map.of())),
        "config file " + file + " is not valid YAML: found character '\\t(TAB)' that cannot start any token."
            + " (Do not use \\t(TAB) for indentation) (line 2, column 1), while scanning for the next token");
  }

  @Test
  void yamlWhoseTopLevelIsNotAMapping(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = write("scalar.yaml", "http.port=8080\n");
    expect(ctx, ConfigLoader.load(vertx, sources(file, Map.of(), Map.of(), Map.of())),
        "config file " + file + " is not valid: its top level must be keys with values");
  }

  private static ConfigSources sources(
      Path configFile, Map<String, String> env, Map<String, String> sys, Map<String, String> cli) {
    return new ConfigSources(DEFAULT_YAML, configFile, env, sys, cli);
  }

  private static void expect(VertxTestContext ctx, Future<?> load, String message) {
    load.onComplete(ctx.failing(e -> {
      assertThat(e).isInstanceOf(ConfigException.class).hasMessage(message);
      ctx.completeNow();
    }));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
