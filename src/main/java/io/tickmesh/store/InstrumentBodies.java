package io.tickmesh.store;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.Instrument;
import io.tickmesh.model.InvalidValueException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Reads the body of {@code PUT /api/v1/instruments/{sym}} strictly: known fields only, each checked, with the reason. */
final class InstrumentBodies {
  private static final Set<String> FIELDS = Set.of("symbol", "tickSize", "attributes", "version");

  private InstrumentBodies() {}

  /** The instrument the body defines, from the API ({@code source} api, version 0 until stored). */
  static Instrument definition(JsonObject body) {
    for (String name : body.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw new InvalidValueException("unknown field '" + name + "' (known: symbol, tickSize, attributes, version)");
      }
    }
    Object symbol = body.getValue("symbol");
    if (!(symbol instanceof String s)) {
      throw new InvalidValueException("'symbol' must be a string");
    }
    return new Instrument(s, tickSize(body.getValue("tickSize")), "api", attributes(body.getValue("attributes")), 0);
  }

  /** The version the body changes: 0 (none given) for a new instrument. */
  static long version(JsonObject body) {
    Object v = body.getValue("version");
    if (v == null) {
      return 0;
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0) {
      throw new InvalidValueException("'version' must be a whole number, 0 or more");
    }
    return ((Number) v).longValue();
  }

  private static long tickSize(Object value) {
    if (value == null) {
      return 0;
    }
    if (!(value instanceof String text)) {
      throw new InvalidValueException("'tickSize' must be a decimal string such as \"0.01\"");
    }
    long tick = Decimals.parse(text);
    if (tick <= 0) {
      throw new InvalidValueException("'tickSize' must be positive, got " + text);
    }
    return tick;
  }

  private static Map<String, String> attributes(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject json)) {
      throw new InvalidValueException("'attributes' must be an object of strings");
    }
    Map<String, String> out = new HashMap<>();
    json.forEach(e -> {
      if (!(e.getValue() instanceof String v)) {
        throw new InvalidValueException("attribute '" + e.getKey() + "' must be a string");
      }
      out.put(e.getKey(), v);
    });
    return out;
  }
}
