package io.tickmesh.feed.itch;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An obviously-correct reading of an ITCH 5.0 file for tests, sharing no code with the node: a
 * {@link ByteBuffer} walk, every resting order in a map, trades of E and printable C at their prices
 * and of P and Q, and each instrument's book made at the end by adding up the orders that rest. A
 * message that cannot be applied changes nothing and is noted in {@link #refused} with a word for its
 * problem: {@code order} (it names an order that does not rest), {@code length} (its prefix disagrees with
 * its type), {@code type} (unknown), {@code side}, {@code symbol} or {@code price} (an add with a side
 * neither B nor S, a symbol byte that is not printable ASCII, a price of 0), {@code end} (the file ends
 * inside it).
 */
public final class ItchReference {
  /** A trade: message sequence number, symbol, nanoseconds since midnight, price, shares. */
  public record Trade(long seq, String symbol, long nanosOfDay, BigDecimal price, long shares) {}

  /** One level of a reference book. */
  public record Level(BigDecimal price, long shares, int orders) {}

  private record Order(String symbol, char side, BigDecimal price, long shares) {}

  private static final Map<Character, Integer> LENGTHS = new HashMap<>();

  static {
    String types = "SRHYLVWKJhAFECXDUPQBINO";
    int[] lengths = {12, 39, 25, 20, 26, 35, 12, 28, 35, 21, 36, 40, 31, 36, 23, 19, 35, 44, 40, 19, 50, 20, 48};
    for (int i = 0; i < types.length(); i++) {
      LENGTHS.put(types.charAt(i), lengths[i]);
    }
  }

  public final List<Trade> trades = new ArrayList<>();
  /** Sequence numbers of the messages that name an order not resting (the fixture has some: invented data). */
  public final List<Long> unknownOrders = new ArrayList<>();
  /** Every message refused, by sequence number: the word for its problem (see the class comment). */
  public final Map<Long, String> refused = new TreeMap<>();
  public long messages;
  /** Per instrument, the messages that changed its book (add, execute, cancel, delete, replace), and when the last one happened. */
  public final Map<String, Integer> bookChanges = new TreeMap<>();
  public final Map<String, Long> lastBookChange = new TreeMap<>();
  private final Map<Long, Order> orders = new HashMap<>();

  /** The length ITCH 5.0 gives messages of {@code type}. */
  public static int length(char type) {
    return LENGTHS.get(type);
  }

  /** Reads the whole file: zero length prefixes are taken from the type, real ones as they are. */
  public static ItchReference of(Path file) throws IOException {
    ItchReference ref = new ItchReference();
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file));
    while (buf.hasRemaining()) {
      ref.messages++;
      if (buf.remaining() < 3) {
        ref.refused.put(ref.messages, "end");
        break;
      }
      int prefix = buf.getShort() & 0xffff;
      char type = (char) buf.get(buf.position());
      Integer known = LENGTHS.get(type);
      int length = prefix != 0 ? prefix : known;
      if (length > buf.remaining()) {
        ref.refused.put(ref.messages, "end");
        break;
      }
      ByteBuffer m = buf.slice(buf.position(), length);
      buf.position(buf.position() + length);
      if (known == null || length != known) {
        ref.refused.put(ref.messages, known == null ? "type" : "length");
      } else {
        ref.apply(ref.messages, type, m);
      }
    }
    return ref;
  }

  private void apply(long seq, char type, ByteBuffer m) {
    long ts = ((long) (m.getShort(5) & 0xffff) << 32) | (m.getInt(7) & 0xffffffffL);
    if ("ECXDU".indexOf(type) >= 0 && !orders.containsKey(m.getLong(11))) {
      unknownOrders.add(seq);
      refused.put(seq, "order");
      return;
    }
    if ("AF".indexOf(type) >= 0 && badAdd(m) != null) {
      refused.put(seq, badAdd(m));
      return;
    }
    if ("AFECXDU".indexOf(type) >= 0) {
      String symbol = type == 'A' || type == 'F' ? text(m, 24) : orders.get(m.getLong(11)).symbol();
      bookChanges.merge(symbol, 1, Integer::sum);
      lastBookChange.put(symbol, ts);
    }
    switch (type) {
      case 'A', 'F' -> orders.put(m.getLong(11), new Order(text(m, 24), (char) m.get(19), price(m, 32), m.getInt(20)));
      case 'E' -> {
        Order o = orders.get(m.getLong(11));
        trades.add(new Trade(seq, o.symbol(), ts, o.price(), m.getInt(19)));
        take(m.getLong(11), m.getInt(19));
      }
      case 'C' -> {
        Order o = orders.get(m.getLong(11));
        if (m.get(31) == 'Y') {
          trades.add(new Trade(seq, o.symbol(), ts, price(m, 32), m.getInt(19)));
        }
        take(m.getLong(11), m.getInt(19));
      }
      case 'X' -> take(m.getLong(11), m.getInt(19));
      case 'D' -> orders.remove(m.getLong(11));
      case 'U' -> {
        Order o = orders.remove(m.getLong(11));
        orders.put(m.getLong(19), new Order(o.symbol(), o.side(), price(m, 31), m.getInt(27)));
      }
      case 'P' -> trades.add(new Trade(seq, text(m, 24), ts, price(m, 32), m.getInt(20)));
      case 'Q' -> {
        if (m.getLong(11) > 0) {
          trades.add(new Trade(seq, text(m, 19), ts, price(m, 27), m.getLong(11)));
        }
      }
      default -> { }
    }
  }

  /** What is wrong with an add (A, F), or null. */
  private static String badAdd(ByteBuffer m) {
    char side = (char) m.get(19);
    if (side != 'B' && side != 'S') {
      return "side";
    }
    for (int i = 24; i < 32; i++) {
      if (m.get(i) < ' ' || m.get(i) > '~') {
        return "symbol";
      }
    }
    return m.getInt(32) == 0 ? "price" : null;
  }

  private void take(long ref, long shares) {
    Order o = orders.get(ref);
    if (o.shares() == shares) {
      orders.remove(ref);
    } else {
      orders.put(ref, new Order(o.symbol(), o.side(), o.price(), o.shares() - shares));
    }
  }

  /** The book of {@code symbol}: buy side if {@code buy}, best first. */
  public List<Level> book(String symbol, boolean buy) {
    TreeMap<BigDecimal, long[]> levels = new TreeMap<>(buy ? java.util.Comparator.<BigDecimal>reverseOrder() : java.util.Comparator.<BigDecimal>naturalOrder());
    for (Order o : orders.values()) {
      if (o.symbol().equals(symbol) && (o.side() == 'B') == buy) {
        long[] l = levels.computeIfAbsent(o.price(), p -> new long[2]);
        l[0] += o.shares();
        l[1]++;
      }
    }
    List<Level> out = new ArrayList<>();
    levels.forEach((p, l) -> out.add(new Level(p, l[0], (int) l[1])));
    return out;
  }

  private static BigDecimal price(ByteBuffer m, int at) {
    return BigDecimal.valueOf(m.getInt(at) & 0xffffffffL, 4);
  }

  private static String text(ByteBuffer m, int at) {
    byte[] b = new byte[8];
    m.get(at, b);
    return new String(b, StandardCharsets.US_ASCII).trim();
  }
}
