package io.tickmesh.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The values one layer of configuration sets (a YAML file, the environment, system properties, the
 * command line, or overrides given in code), each with its key and where it was given. Building a
 * layer refuses unknown keys; {@link ConfigValidator} converts and checks the values.
 */
record ConfigLayer(List<ConfigLayer.Entry> entries) {
  /** Prefix of the system properties that set config keys: {@code -Dtickmesh.http.port=0}. */
  static final String PROPERTY_PREFIX = "tickmesh.";

  /** One value as given: {@code raw} is text or a typed value, {@code origin} says where it came from. */
  record Entry(ConfigKey<?> key, Object raw, String origin) {}

  ConfigLayer {
    entries = List.copyOf(entries);
  }

  /** A layer that sets nothing. */
  static ConfigLayer empty() {
    return new ConfigLayer(List.of());
  }

  /** Flat {@code key -> value} pairs, all from one origin such as {@code command line}. */
  static ConfigLayer fromValues(Map<String, ?> values, String origin) {
    List<Entry> entries = new ArrayList<>();
    new TreeMap<String, Object>(values)
        .forEach((name, raw) -> entries.add(new Entry(known(name, origin), raw, origin)));
    return new ConfigLayer(entries);
  }

  /** The {@code tickmesh.*} properties among {@code properties}; other properties are not ours. */
  static ConfigLayer fromSystemProperties(Map<String, String> properties) {
    List<Entry> entries = new ArrayList<>();
    new TreeMap<>(properties)
        .forEach(
            (property, raw) -> {
              if (property.startsWith(PROPERTY_PREFIX)) {
                String origin = "system property " + property;
                String name = property.substring(PROPERTY_PREFIX.length());
                ConfigKey<?> key =
                    ConfigKeys.find(name)
                        .orElseThrow(() -> unknown(name, origin, k -> PROPERTY_PREFIX + k.name()));
                entries.add(new Entry(key, raw, origin));
              }
            });
    return new ConfigLayer(entries);
  }

  /**
   * The document of a YAML file, read through vertx-config: nested sections ({@code http: {port: 1}}),
   * dotted keys ({@code http.port: 1}) and mixtures of both name the same keys. A section left empty
   * ({@code db:} with its keys commented out) sets nothing; a key given twice is refused.
   */
  static ConfigLayer fromYaml(JsonObject document, String file) {
    Map<String, Object> flat = new TreeMap<>();
    flatten("", document, file, flat);
    return fromValues(flat, file);
  }

  private static void flatten(String prefix, JsonObject json, String file, Map<String, Object> flat) {
    for (Map.Entry<String, Object> e : json) {
      String name = prefix + e.getKey();
      Object value = e.getValue();
      boolean emptySection =
          (value == null || (value instanceof JsonObject j && j.isEmpty())) && ConfigKeys.isSection(name);
      if (value instanceof JsonObject nested && !nested.isEmpty()) {
        flatten(name + ".", nested, file, flat);
      } else if (!emptySection) {
        if (flat.containsKey(name)) {
          throw new ConfigException("config key '" + name + "' is given twice in " + file);
        }
        flat.put(name, value);
      }
    }
  }

  private static ConfigKey<?> known(String name, String where) {
    return ConfigKeys.find(name).orElseThrow(() -> unknown(name, where, k -> "'" + k.name() + "'"));
  }

  /**
   * The refusal of an unknown key {@code name} given in {@code where}, suggesting the key meant,
   * written as {@code spelled} writes it (a variable name, a property name, a quoted key).
   */
  static ConfigException unknown(String name, String where, Function<ConfigKey<?>, String> spelled) {
    String hint =
        ConfigKeys.closest(name).map(k -> " (did you mean " + spelled.apply(k) + "?)").orElse("");
    return new ConfigException("unknown config key '" + name + "' in " + where + hint);
  }
}
