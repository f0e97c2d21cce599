package io.tickmesh.feed.itch;

import static io.tickmesh.feed.itch.ItchLayout.BODY;
import static io.tickmesh.feed.itch.ItchLayout.symbol;
import static io.tickmesh.feed.itch.ItchLayout.u32;
import static io.tickmesh.feed.itch.ItchLayout.u64;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.Symbols;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an ITCH session says of its instruments rather than their orders: the stock directory (R), each
 * instrument's trading state (H), Reg SHO short-sale restriction (Y) and operational halts (h), and the
 * market-wide circuit breaker levels (V) and breaches (W), which hold for every instrument. Kept as short
 * text attributes per instrument, with the instruments whose attributes changed since they were last taken
 * (for the instrument master). Pure; not thread-safe (one actor owns a session).
 */
public final class ItchDirectory {
  private final Map<Integer, String> byLocate = new HashMap<>();
  private final Map<String, Map<String, String>> listings = new TreeMap<>();
  private final Set<String> stockDirectory = new HashSet<>();
  private final Map<String, Character> tradingStates = new HashMap<>();
  private final Map<String, String> marketWide = new TreeMap<>();
  private final Set<String> changed = new LinkedHashSet<>();

  /** Applies message {@code b[off…]} of a type this directory keeps (R H Y h V W); why not, or null. */
  String apply(byte[] b, int off) {
    int p = off + BODY;
    return switch (b[off]) {
      case 'R' -> listing(b, off, p);
      case 'H' -> instrument(b, p, "trading action", Map.of("tradingState", ascii(b, p + 8, 1), "tradingReason", ascii(b, p + 10, 4)));
      case 'Y' -> instrument(b, p, "Reg SHO restriction", Map.of("regSho", ascii(b, p + 8, 1)));
      case 'h' -> instrument(b, p, "operational halt", Map.of("operationalHalt", ascii(b, p + 8, 1) + ascii(b, p + 9, 1)));
      case 'V' -> market(Map.of("mwcbLevel1", Decimals.toText(u64(b, p)), "mwcbLevel2", Decimals.toText(u64(b, p + 8)),
          "mwcbLevel3", Decimals.toText(u64(b, p + 16))));
      case 'W' -> market(Map.of("mwcbBreached", ascii(b, p, 1)));
      default -> null;
    };
  }

  /** The symbol of stock locate {@code locate}, or null. */
  public String listed(int locate) {
    return byLocate.get(locate);
  }

  /** Whether the stock directory (an R message) lists {@code symbol}. */
  public boolean lists(String symbol) {
    return stockDirectory.contains(symbol);
  }

  /** The trading state of {@code symbol} (H: 'T' trading, 'H' halted, 'P' paused, 'Q' quotation only), or null. */
  public Character tradingState(String symbol) {
    return tradingStates.get(symbol);
  }

  /** The attributes of each instrument changed since the last call, by symbol; the changes are then forgotten. */
  public Map<String, Map<String, String>> takeChanged() {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (String symbol : changed) {
      Map<String, String> attributes = new TreeMap<>(listings.getOrDefault(symbol, Map.of()));
      attributes.putAll(marketWide);
      out.put(symbol, attributes);
    }
    changed.clear();
    return out;
  }

  private String listing(byte[] b, int off, int p) {
    String symbol = symbol(b, p);
    if (symbol == null || !Symbols.isValid(symbol)) {
      return "stock directory entry with an unreadable symbol";
    }
    byLocate.put(ItchLayout.u16(b, off + ItchLayout.LOCATE), symbol);
    stockDirectory.add(symbol);
    Map<String, String> a = new TreeMap<>();
    a.put("marketCategory", ascii(b, p + 8, 1));
    a.put("financialStatus", ascii(b, p + 9, 1));
    a.put("roundLotSize", Long.toString(u32(b, p + 10)));
    a.put("roundLotsOnly", ascii(b, p + 14, 1));
    a.put("issueClassification", ascii(b, p + 15, 1));
    a.put("issueSubType", ascii(b, p + 16, 2));
    a.put("authenticity", ascii(b, p + 18, 1));
    a.put("shortSaleThreshold", ascii(b, p + 19, 1));
    a.put("ipoFlag", ascii(b, p + 20, 1));
    a.put("luldTier", ascii(b, p + 21, 1));
    a.put("etp", ascii(b, p + 22, 1));
    a.put("etpLeverage", Long.toString(u32(b, p + 23)));
    a.put("inverse", ascii(b, p + 27, 1));
    return instrument(symbol, a);
  }

  private String instrument(byte[] b, int p, String what, Map<String, String> attributes) {
    String symbol = symbol(b, p);
    if (symbol == null || !Symbols.isValid(symbol)) {
      return what + " with an unreadable symbol";
    }
    if (b[p - BODY] == 'H') {
      tradingStates.put(symbol, (char) b[p + 8]);
    }
    return instrument(symbol, attributes);
  }

  private String instrument(String symbol, Map<String, String> attributes) {
    listings.computeIfAbsent(symbol, s -> new TreeMap<>()).putAll(attributes);
    changed.add(symbol);
    return null;
  }

  private String market(Map<String, String> attributes) {
    marketWide.putAll(attributes);
    changed.addAll(listings.keySet()); // a market-wide state holds for every instrument of the session
    return null;
  }

  /** {@code n} bytes as text, trailing blanks dropped; bytes outside printable ASCII become '?'. */
  private static String ascii(byte[] b, int off, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = off; i < off + n; i++) {
      sb.append(b[i] >= ' ' && b[i] <= '~' ? (char) b[i] : '?');
    }
    return sb.toString().stripTrailing();
  }
}
