package io.tickmesh.config;

import io.vertx.core.json.JsonArray;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its dotted name, the kind of value it holds, its default, what it means and
 * where its value lives in {@link TickmeshConfig}. {@link ConfigKeys} lists every key; it is the single
 * source of truth for names, defaults and valid values.
 *
 * @param name the dotted name, as written in YAML or after {@code -Dtickmesh.}: {@code feed.tcp.port}
 * @param type how raw values become Java values and which are valid
 * @param defaultValue the built-in default; null only for an optional key, meaning unset
 * @param optional whether the key may be unset: null, or blank text, reads as unset
 * @param meaning one line for help texts and {@code config/default.yaml}
 * @param getter reads the key's value from a {@link TickmeshConfig}
 */
public record ConfigKey<T>(
    String name,
    ConfigType<T> type,
    T defaultValue,
    boolean optional,
    String meaning,
    Function<TickmeshConfig, T> getter) {

  /** The default must itself be valid; it is kept in its normal form (intervals sorted). */
  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(meaning, "meaning");
    Objects.requireNonNull(getter, "getter");
    if (defaultValue != null) {
      defaultValue = type.convert(defaultValue);
    } else if (!optional) {
      throw new IllegalArgumentException("config key " + name + " needs a default");
    }
  }

  /** A key that always has a value, {@code defaultValue} unless a layer sets another. */
  static <T> ConfigKey<T> required(
      String name,
      ConfigType<T> type,
      T defaultValue,
      String meaning,
      Function<TickmeshConfig, T> getter) {
    return new ConfigKey<>(name, type, Objects.requireNonNull(defaultValue), false, meaning, getter);
  }

  /** A key that is unset (null) unless a layer sets it. */
  static <T> ConfigKey<T> optional(
      String name, ConfigType<T> type, String meaning, Function<TickmeshConfig, T> getter) {
    return new ConfigKey<>(name, type, null, true, meaning, getter);
  }

  /**
   * The Java value of {@code raw}, given in {@code origin} (a file path, {@code environment
   * TICKMESH_HTTP_PORT}, ...); null for an unset optional key. Throws {@link ConfigException} naming
   * the key, the origin, what was expected and what was given.
   */
  public T read(Object raw, String origin) {
    if (optional && (raw == null || (raw instanceof String s && s.isBlank()))) {
      return null;
    }
    try {
      if (raw == null) {
        throw new IllegalArgumentException();
      }
      return type.convert(raw);
    } catch (IllegalArgumentException e) {
      String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
      String where = origin == null ? "" : " (" + origin + ")";
      throw new ConfigException(
          "config key '" + name + "'" + where + ": expected " + expected() + ", got " + show(raw) + detail);
    }
  }

  /** {@code value} checked and in normal form, for the compact constructors of the config records. */
  public T check(T value) {
    return read(value, null);
  }

  /** What a valid value looks like, for messages and help texts. */
  public String expected() {
    return optional ? type.expected() + " (or unset)" : type.expected();
  }

  /** This key's value in {@code config}, as JSON; null if unset. */
  public Object jsonValueIn(TickmeshConfig config) {
    T value = getter.apply(config);
    return value == null ? null : type.toJson(value);
  }

  /** A raw value as a message shows it: text in quotes, anything else as written. */
  static String show(Object raw) {
    if (raw == null) {
      return "nothing";
    }
    if (raw instanceof String s) {
      return "'" + s + "'";
    }
    return raw instanceof JsonArray a ? a.encode() : String.valueOf(raw);
  }
}
