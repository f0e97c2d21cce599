package io.tickmesh.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Environment variables that set config keys: {@code TICKMESH_} then the key in capitals with its dots
 * as underscores, where each camelCase part may also be split at its humps. So {@code feed.tcp.port}
 * is {@code TICKMESH_FEED_TCP_PORT}, and {@code sim.ratePerSec} is {@code TICKMESH_SIM_RATEPERSEC} or
 * {@code TICKMESH_SIM_RATE_PER_SEC}. Names match ignoring case; any other {@code TICKMESH_*} variable
 * is refused as an unknown key.
 */
final class EnvironmentNames {
  /** Prefix of the variables that are ours, matched ignoring case. */
  static final String PREFIX = "TICKMESH_";

  private static final Pattern HUMP = Pattern.compile("([a-z0-9])([A-Z])");
  private static final Map<String, ConfigKey<?>> KEYS_BY_VARIABLE = index();

  private EnvironmentNames() {}

  /** The variables that set {@code key}; the first one splits every camelCase part. */
  static List<String> variablesOf(ConfigKey<?> key) {
    List<String> names = List.of("TICKMESH");
    for (String part : key.name().split("\\.", -1)) {
      String whole = part.toUpperCase(Locale.ROOT);
      String split = HUMP.matcher(part).replaceAll("$1_$2").toUpperCase(Locale.ROOT);
      List<String> longer = new ArrayList<>();
      for (String name : names) {
        longer.add(name + "_" + split);
        if (!split.equals(whole)) {
          longer.add(name + "_" + whole);
        }
      }
      names = longer;
    }
    return List.copyOf(names);
  }

  /** The layer of the {@code TICKMESH_*} variables among {@code environment}. */
  static ConfigLayer layer(Map<String, String> environment) {
    Map<ConfigKey<?>, String> setBy = new HashMap<>();
    List<ConfigLayer.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
      String variable = e.getKey();
      String upper = variable.toUpperCase(Locale.ROOT);
      if (!upper.startsWith(PREFIX)) {
        continue;
      }
      String origin = "environment " + variable;
      ConfigKey<?> key = KEYS_BY_VARIABLE.get(upper);
      if (key == null) {
        String guess = upper.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        throw ConfigLayer.unknown(guess, origin, k -> variablesOf(k).get(0));
      }
      String earlier = setBy.putIfAbsent(key, variable);
      if (earlier != null) {
        throw new ConfigException("config key '" + key.name() + "' is given twice in the environment: "
            + earlier + " and " + variable);
      }
      entries.add(new ConfigLayer.Entry(key, e.getValue(), origin));
    }
    return new ConfigLayer(entries);
  }

  private static Map<String, ConfigKey<?>> index() {
    Map<String, ConfigKey<?>> index = new HashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      for (String variable : variablesOf(key)) {
        ConfigKey<?> other = index.put(variable, key);
        if (other != null) {
          throw new IllegalStateException(
              variable + " would set both " + other.name() + " and " + key.name());
        }
      }
    }
    return Map.copyOf(index);
  }
}
