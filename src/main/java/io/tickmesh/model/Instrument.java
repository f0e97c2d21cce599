package io.tickmesh.model;

import java.util.Map;

/**
 * One instrument of the instrument master: its symbol, the tick size its prices must be a multiple of
 * ({@link Decimals} scaled; 0 when none is known), who defined it ({@code api}, or the feed whose
 * directory listed it, such as {@code itch:ex20101224}), what its venue says of it (an ITCH directory
 * entry's fields, its trading state, short-sale and market-wide status, as short text attributes), and
 * its version, one more at each change (the compare-and-set of {@code PUT /api/v1/instruments/{sym}}).
 */
public record Instrument(String symbol, long tickSize, String source, Map<String, String> attributes, long version) {
  /** The most attributes one instrument keeps. */
  public static final int MAX_ATTRIBUTES = 32;
  /** The longest attribute name or value. */
  public static final int MAX_TEXT = 64;

  /** Checks every field; attributes are copied (immutable). */
  public Instrument {
    if (!Symbols.isValid(symbol)) {
      throw new InvalidValueException("symbol must be 1 to " + Symbols.MAX_LENGTH + " of A-Z a-z 0-9 . - _ : /");
    }
    if (tickSize < 0) {
      throw new InvalidValueException("tickSize must be positive");
    }
    if (source == null || source.isEmpty() || source.length() > MAX_TEXT) {
      throw new InvalidValueException("source must be 1 to " + MAX_TEXT + " characters");
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw new InvalidValueException("at most " + MAX_ATTRIBUTES + " attributes, got " + attributes.size());
    }
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      if (a.getKey().isEmpty() || a.getKey().length() > MAX_TEXT || a.getValue() == null || a.getValue().length() > MAX_TEXT) {
        throw new InvalidValueException("attribute names must be 1 to " + MAX_TEXT + " characters, values at most " + MAX_TEXT);
      }
    }
    attributes = Map.copyOf(attributes);
    if (version < 0) {
      throw new InvalidValueException("version must not be negative");
    }
  }

  /** Whether this defines the same instrument as {@code other} (symbol, tick size, attributes), whatever the versions. */
  public boolean sameDefinition(Instrument other) {
    return symbol.equals(other.symbol) && tickSize == other.tickSize && attributes.equals(other.attributes);
  }

  /** Why {@code price} (scaled) is not a price of this instrument, or null if it is. */
  public String offTick(long price, String what) {
    if (tickSize == 0 || price % tickSize == 0) {
      return null;
    }
    return what + " " + Decimals.toText(price) + " of " + symbol + " is not a multiple of its tick size " + Decimals.toText(tickSize);
  }
}
