package io.tickmesh.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where {@link ConfigLoader} reads the layers of configuration from, lowest first: the default file,
 * an optional extra file ({@code --config FILE}), environment variables, system properties and
 * command-line overrides. Tests pass their own maps; {@link #ofProcess} takes this process's own.
 *
 * @param defaultFile YAML file read first; if it does not exist the built-in defaults stand alone
 * @param configFile YAML file given with {@code --config}, or {@code null}; it must exist if given
 * @param environment variables; only {@code TICKMESH_*} ones are read (see {@code EnvironmentNames})
 * @param systemProperties properties; only {@code tickmesh.*} ones are read
 * @param commandLine overrides from the command line, {@code key -> text} such as {@code http.port -> 0}
 */
public record ConfigSources(
    Path defaultFile,
    Path configFile,
    Map<String, String> environment,
    Map<String, String> systemProperties,
    Map<String, String> commandLine) {

  /** {@code config/default.yaml}, relative to the working directory. */
  public static final Path DEFAULT_FILE = Path.of("config", "default.yaml");

  /** The maps are copied; none may hold nulls. */
  public ConfigSources {
    Objects.requireNonNull(defaultFile, "defaultFile");
    environment = Map.copyOf(environment);
    systemProperties = Map.copyOf(systemProperties);
    commandLine = Map.copyOf(commandLine);
  }

  /**
   * The sources of this process: {@link #DEFAULT_FILE}, {@code configFile} ({@code null} if none), the
   * {@code TICKMESH_*} environment variables and the {@code tickmesh.*} system properties as they are
   * now, and {@code commandLine}.
   */
  public static ConfigSources ofProcess(Path configFile, Map<String, String> commandLine) {
    Map<String, String> environment =
        System.getenv().entrySet().stream()
            .filter(e -> e.getKey().toUpperCase(Locale.ROOT).startsWith(EnvironmentNames.PREFIX))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    Properties properties = System.getProperties();
    Map<String, String> systemProperties =
        properties.stringPropertyNames().stream()
            .filter(name -> name.startsWith(ConfigLayer.PROPERTY_PREFIX))
            .collect(Collectors.toUnmodifiableMap(name -> name, properties::getProperty));
    return new ConfigSources(DEFAULT_FILE, configFile, environment, systemProperties, commandLine);
  }

  /** Only {@code defaultFile}: no extra file, environment, properties or overrides. */
  public static ConfigSources only(Path defaultFile) {
    return new ConfigSources(defaultFile, null, Map.of(), Map.of(), Map.of());
  }
}
