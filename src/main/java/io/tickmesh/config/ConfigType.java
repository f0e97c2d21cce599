package io.tickmesh.config;

import io.tickmesh.model.BarInterval;
import io.vertx.core.json.JsonArray;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The kind of value a config key holds: how a raw value becomes its Java value, and which values are
 * valid. A raw value is text (environment, system properties, command line, quoted YAML) or a typed
 * value (YAML scalars and lists, or Java values given to {@link TickmeshConfig#of}). {@link #convert}
 * throws {@link IllegalArgumentException}, whose message, if any, is a detail for the user.
 */
public sealed interface ConfigType<T> {

  /** What a valid value looks like, as the end of "expected ...": {@code an integer between 0 and 9}. */
  String expected();

  /** The valid Java value for {@code raw} (never null); throws IllegalArgumentException otherwise. */
  T convert(Object raw);

  /** The value as it appears in {@link TickmeshConfig#toFlatJson()}. */
  default Object toJson(T value) {
    return value;
  }

  /** Whole numbers from {@code min} to {@code max}, both included. */
  record IntRange(int min, int max) implements ConfigType<Integer> {
    @Override
    public String expected() {
      return "an integer between " + min + " and " + max;
    }

    @Override
    public Integer convert(Object raw) {
      long value = wholeNumber(raw);
      if (value < min || value > max) {
        throw new IllegalArgumentException();
      }
      return (int) value;
    }
  }

  /** 64-bit whole numbers from {@code min} to {@code max}, both included. */
  record LongRange(long min, long max) implements ConfigType<Long> {
    @Override
    public String expected() {
      return min == Long.MIN_VALUE && max == Long.MAX_VALUE
          ? "a 64-bit integer"
          : "an integer between " + min + " and " + max;
    }

    @Override
    public Long convert(Object raw) {
      long value = wholeNumber(raw);
      if (value < min || value > max) {
        throw new IllegalArgumentException();
      }
      return value;
    }
  }

  /** {@code true} or {@code false}; as text in any letter case. */
  record Flag() implements ConfigType<Boolean> {
    @Override
    public String expected() {
      return "true or false";
    }

    @Override
    public Boolean convert(Object raw) {
      if (raw instanceof Boolean b) {
        return b;
      }
      String text = raw instanceof String s ? s.trim() : "";
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.valueOf(text);
      }
      throw new IllegalArgumentException();
    }
  }

  /** Text accepted by {@code valid}; a number or boolean is refused rather than turned into text. */
  record Text(String expected, Predicate<String> valid) implements ConfigType<String> {
    @Override
    public String convert(Object raw) {
      if (raw instanceof String s && valid.test(s)) {
        return s;
      }
      if (raw instanceof Number || raw instanceof Boolean) {
        throw new IllegalArgumentException("not text: quote it in YAML");
      }
      throw new IllegalArgumentException();
    }
  }

  /** A PostgreSQL URL; its password is masked in {@link #toJson}, which feeds the start-up log. */
  record PostgresUrl() implements ConfigType<String> {
    private static final Pattern PASSWORD = Pattern.compile("(://[^:/@]*:)[^@/]*@|(password=)[^&]*");

    @Override
    public String expected() {
      return "a URL starting with postgresql:// or postgres://";
    }

    @Override
    public String convert(Object raw) {
      if (raw instanceof String s && (s.startsWith("postgresql://") || s.startsWith("postgres://"))) {
        return s;
      }
      throw new IllegalArgumentException();
    }

    @Override
    public Object toJson(String value) {
      return PASSWORD
          .matcher(value)
          .replaceAll(m -> m.group(1) != null ? "$1***@" : "$2***");
    }
  }

  /**
   * A non-empty list of distinct bar intervals, as a list or as comma-separated text, kept sorted
   * finest first. Two labels of the same length ({@code 1m}, {@code 60s}) are duplicates.
   */
  record Intervals() implements ConfigType<List<BarInterval>> {
    @Override
    public String expected() {
      return "a non-empty list of distinct bar intervals such as 1s,1m,5m"
          + " (each a number and a unit: ms, s, m, h or d)";
    }

    @Override
    public List<BarInterval> convert(Object raw) {
      List<?> items = items(raw);
      List<BarInterval> sorted = new ArrayList<>(items.size());
      for (Object item : items) {
        sorted.add(interval(item));
      }
      sorted.sort(null);
      for (int i = 1; i < sorted.size(); i++) {
        BarInterval a = sorted.get(i - 1);
        BarInterval b = sorted.get(i);
        if (a.compareTo(b) == 0) {
          throw new IllegalArgumentException(
              a.label().equals(b.label())
                  ? a + " is given twice"
                  : a + " and " + b + " are the same interval");
        }
        if (b.nanos() % sorted.get(0).nanos() != 0) {
          // every bar must be a union of finest bars, so one lateness rule serves all intervals
          throw new IllegalArgumentException(
              b + " is not a whole multiple of the finest interval " + sorted.get(0));
        }
      }
      return List.copyOf(sorted);
    }

    @Override
    public Object toJson(List<BarInterval> value) {
      List<Object> labels = new ArrayList<>(value.size());
      value.forEach(i -> labels.add(i.label()));
      return new JsonArray(labels);
    }

    private static List<?> items(Object raw) {
      List<?> items =
          raw instanceof String s
              ? (s.isBlank() ? List.of() : List.of(s.split(",", -1)))
              : raw instanceof JsonArray a ? a.getList() : raw instanceof List<?> l ? l : null;
      if (items == null) {
        throw new IllegalArgumentException();
      }
      if (items.isEmpty()) {
        throw new IllegalArgumentException("the list is empty");
      }
      return items;
    }

    private static BarInterval interval(Object item) {
      if (item instanceof BarInterval interval) {
        return interval;
      }
      try {
        if (item instanceof String s) {
          return BarInterval.parse(s);
        }
      } catch (IllegalArgumentException e) {
        // the detail below says the same, in the words of this message
      }
      throw new IllegalArgumentException("'" + item + "' is not an interval between 1ms and 1d");
    }
  }

  /**
   * The exchange WebSocket feeds ({@link VenueFeed}): a list of objects, as YAML or JSON text (so the
   * environment and system properties can set it too). Names must be distinct; a bad entry is named by
   * its position and field.
   */
  record VenueFeeds() implements ConfigType<List<VenueFeed>> {
    @Override
    public String expected() {
      return "a list of feeds, each {venue, url, products, channels, name, snapshotUrl, apiKeyEnv, apiSecretEnv, apiPassphraseEnv} (venue one of "
          + new java.util.TreeSet<>(VenueFeed.CHANNELS.keySet()) + ")";
    }

    @Override
    public List<VenueFeed> convert(Object raw) {
      List<?> items = raw instanceof String s ? parse(s) : raw instanceof JsonArray a ? a.getList() : raw instanceof List<?> l ? l : null;
      if (items == null) {
        throw new IllegalArgumentException();
      }
      List<VenueFeed> feeds = new ArrayList<>(items.size());
      java.util.Set<String> names = new java.util.HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        VenueFeed feed = feed(items.get(i), i + 1);
        if (!names.add(feed.name())) {
          throw new IllegalArgumentException("feed " + (i + 1) + ": the name " + feed.name() + " is taken by another feed: give each a name of its own");
        }
        feeds.add(feed);
      }
      return List.copyOf(feeds);
    }

    @Override
    public Object toJson(List<VenueFeed> value) {
      JsonArray out = new JsonArray();
      for (VenueFeed f : value) {
        var feed = new io.vertx.core.json.JsonObject().put("name", f.name()).put("venue", f.venue()).put("url", f.url())
            .put("products", new JsonArray(f.products())).put("channels", new JsonArray(f.channels())).put("snapshotUrl", f.snapshotUrl());
        if (f.credentials() != null) { // the variables' names only: their values are read at start and never kept in the config
          feed.put("apiKeyEnv", f.credentials().keyEnv()).put("apiSecretEnv", f.credentials().secretEnv())
              .put("apiPassphraseEnv", f.credentials().passphraseEnv());
        }
        out.add(feed);
      }
      return out;
    }

    private static List<?> parse(String text) {
      if (text.isBlank()) {
        return List.of();
      }
      try {
        return new JsonArray(text).getList();
      } catch (io.vertx.core.json.DecodeException e) {
        throw new IllegalArgumentException("not a JSON list");
      }
    }

    private static VenueFeed feed(Object item, int n) {
      if (item instanceof VenueFeed feed) {
        return feed;
      }
      java.util.Map<?, ?> fields = item instanceof io.vertx.core.json.JsonObject j ? j.getMap() : item instanceof java.util.Map<?, ?> m ? m : null;
      if (fields == null) {
        throw new IllegalArgumentException("feed " + n + " is not an object");
      }
      for (Object key : fields.keySet()) {
        if (!VenueFeed.FIELDS.contains(String.valueOf(key))) {
          throw new IllegalArgumentException("feed " + n + ": unknown field '" + key + "' (fields: " + new java.util.TreeSet<>(VenueFeed.FIELDS) + ")");
        }
      }
      try {
        return new VenueFeed(text(fields.get("name"), "name"), text(fields.get("venue"), "venue"), text(fields.get("url"), "url"),
            texts(fields.get("products"), "products"), fields.get("channels") == null ? null : texts(fields.get("channels"), "channels"),
            text(fields.get("snapshotUrl"), "snapshotUrl"), VenueCredentials.of(text(fields.get("apiKeyEnv"), "apiKeyEnv"),
            text(fields.get("apiSecretEnv"), "apiSecretEnv"), text(fields.get("apiPassphraseEnv"), "apiPassphraseEnv")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("feed " + n + ": " + e.getMessage(), e);
      }
    }

    private static String text(Object value, String field) {
      if (value != null && !(value instanceof String)) {
        throw new IllegalArgumentException(field + ": expected text, got " + value);
      }
      return (String) value;
    }

    private static List<String> texts(Object value, String field) {
      List<?> list = value instanceof JsonArray a ? a.getList() : value instanceof List<?> l ? l : null;
      if (list == null) {
        throw new IllegalArgumentException(field + ": expected a list of text");
      }
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        if (o == null) {
          throw new IllegalArgumentException(field + ": expected text, got nothing");
        }
        out.add(text(o, field));
      }
      return out;
    }
  }

  private static long wholeNumber(Object raw) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      return ((Number) raw).longValue();
    }
    if (raw instanceof BigInteger big && big.bitLength() < Long.SIZE) {
      return big.longValue();
    }
    if (raw instanceof String text) {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException();
      }
    }
    throw new IllegalArgumentException();
  }
}
