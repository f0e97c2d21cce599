package io.tickmesh.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration of a node from its layers, later winning: the default file
 * ({@code config/default.yaml}), the {@code --config} file, {@code TICKMESH_*} environment variables,
 * {@code -Dtickmesh.<key>} system properties, then command-line overrides. YAML files go through
 * vertx-config; nothing blocks the calling thread, so {@link #load} may be called on an event loop.
 * Every layer is checked in full: an unknown key or an invalid value anywhere fails the load with a
 * {@link ConfigException} naming the key, the layer, what was expected and what was given.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private ConfigLoader() {}

  /** The configuration {@code sources} give; fails with a {@link ConfigException}. */
  public static Future<TickmeshConfig> load(Vertx vertx, ConfigSources sources) {
    return defaultLayer(vertx, sources.defaultFile())
        .compose(
            base ->
                extraLayer(vertx, sources.configFile())
                    .map(
                        extra ->
                            ConfigValidator.resolve(
                                List.of(
                                    base,
                                    extra,
                                    EnvironmentNames.layer(sources.environment()),
                                    ConfigLayer.fromSystemProperties(sources.systemProperties()),
                                    ConfigLayer.fromValues(sources.commandLine(), "command line")))));
  }

  private static Future<ConfigLayer> defaultLayer(Vertx vertx, Path file) {
    String absolute = file.toAbsolutePath().toString();
    return vertx
        .fileSystem()
        .exists(absolute)
        .compose(
            exists -> {
              if (exists) {
                return YamlConfigFile.read(vertx, file);
              }
              LOG.info("No config file {}: starting from the built-in defaults", absolute);
              return Future.succeededFuture(ConfigLayer.empty());
            });
  }

  private static Future<ConfigLayer> extraLayer(Vertx vertx, Path file) {
    return file == null ? Future.succeededFuture(ConfigLayer.empty()) : YamlConfigFile.read(vertx, file);
  }
}
