package io.tickmesh.api;

import io.tickmesh.model.BarInterval;
import io.tickmesh.model.InvalidValueException;
import io.tickmesh.model.Symbols;
import io.tickmesh.model.Timestamps;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks the parameters of one HTTP request: unknown or repeated parameters and bad values
 * throw {@link BadRequestException} naming the parameter, what was expected and what came.
 */
final class QueryParams {
  private final MultiMap params;

  QueryParams(MultiMap params, Set<String> allowed) {
    this.params = params;
    checkNames(params, allowed);
  }

  /** Refuses a parameter not in {@code allowed}, and one given more than once. */
  static void checkNames(MultiMap params, Set<String> allowed) {
    for (String name : params.names()) {
      if (!allowed.contains(name)) {
        throw new BadRequestException(
            "unknown parameter", "'" + name + "' is not a parameter here" + (allowed.isEmpty()
                ? " (this path takes none)"
                : " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
      }
      if (params.getAll(name).size() > 1) {
        throw new BadRequestException("repeated parameter", "'" + name + "' is given more than once");
      }
    }
  }

  /** A path symbol, checked against the symbol rules. */
  static String symbol(String text) {
    if (!Symbols.isValid(text)) {
      throw new BadRequestException(
          "bad symbol",
          "a symbol is 1 to " + Symbols.MAX_LENGTH + " characters of A-Z a-z 0-9 . - _ : /");
    }
    return text;
  }

  /** An integer in [min, max], or {@code fallback} when absent. */
  int integer(String name, int min, int max, int fallback) {
    String text = params.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      long v = Long.parseLong(text.trim());
      if (v >= min && v <= max) {
        return (int) v;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new BadRequestException(
        "bad parameter", name + ": expected an integer from " + min + " to " + max + ", got '" + cut(text) + "'");
  }

  /** An ISO-8601 time as epoch nanoseconds, or null when absent. */
  Long time(String name) {
    String text = params.get(name);
    if (text == null) {
      return null;
    }
    try {
      return Timestamps.parse(text.trim());
    } catch (InvalidValueException e) {
      throw new BadRequestException(
          "bad parameter", name + ": expected an ISO-8601 UTC time like 2026-11-24T14:30:00Z, got '" + cut(text) + "' ("
              + e.getMessage() + ")");
    }
  }

  /** One of the configured intervals, or {@code fallback} when absent. */
  BarInterval interval(String name, List<BarInterval> configured, BarInterval fallback) {
    String text = params.get(name);
    if (text == null) {
      return fallback;
    }
    for (BarInterval i : configured) {
      if (i.label().equals(text)) {
        return i;
      }
    }
    throw new BadRequestException(
        "bad parameter", name + ": expected one of " + configured + ", got '" + cut(text) + "'");
  }

  /** true/false, or {@code fallback} when absent. */
  boolean bool(String name, boolean fallback) {
    String text = params.get(name);
    if (text == null) {
      return fallback;
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new BadRequestException("bad parameter", name + ": expected true or false, got '" + cut(text) + "'");
  }

  /** A feed id filter, or null when absent. */
  String feed(String name) {
    String text = params.get(name);
    if (text == null) {
      return null;
    }
    if (text.isEmpty() || text.length() > 64 || !text.chars().allMatch(c -> c < 128 && (Symbols.isSymbolChar((char) c)))) {
      throw new BadRequestException("bad parameter", name + ": expected a feed id (1 to 64 of A-Z a-z 0-9 . - _ : /), got '" + cut(text) + "'");
    }
    return text;
  }

  private static String cut(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "..." : text;
  }
}
