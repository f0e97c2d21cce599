package io.tickmesh.feed.itch;

import static io.tickmesh.feed.itch.ItchLayout.BODY;
import static io.tickmesh.feed.itch.ItchLayout.symbol;
import static io.tickmesh.feed.itch.ItchLayout.u32;
import static io.tickmesh.feed.itch.ItchLayout.u48;
import static io.tickmesh.feed.itch.ItchLayout.u64;

import io.tickmesh.model.Symbols;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One ITCH session's state: the stock directory, each instrument's trading state, every resting order by
 * reference, and a book per instrument. {@link #apply} takes each message in sequence and tells what it
 * makes: trades (executions E and printable C of displayed orders, non-displayed trades P, crosses Q with
 * shares), a changed book, a new top of book whenever an instrument's best price or size changes (if both
 * sides have orders and do not cross), or a reject with the reason when a message cannot be applied (the
 * state is then unchanged). Prices stay in ITCH's 4 implied decimals; timestamps become nanoseconds
 * since the epoch from the session's midnight. Pure; not thread-safe (one actor owns a session).
 */
public final class ItchBooks {
  /** Where a message's effects go. */
  public interface Output {
    /** A trade of {@code shares} at {@code price} (4 implied decimals). */
    void trade(long seq, String symbol, long tsNanos, long price, long shares);

    /**
     * The levels of {@code book} changed (an add, execution, cancel, delete or replace applied); told
     * before {@link #quote} of the same message. Nothing by default: only a publisher of depth cares.
     */
    default void bookChanged(OrderBook book) {}

    /** The instrument's best bid and ask changed. */
    void quote(long seq, String symbol, long tsNanos, OrderBook.Top top);

    /** The message cannot be applied (or is not, as a trade break): why. */
    void reject(long seq, String reason);
  }

  private static final class Order {
    final String symbol;
    final OrderBook book;
    final boolean buy;
    final long price;
    final long[] level;
    long shares;

    /** An order of {@code shares} at {@code price}, resting in {@code book} at {@code level}. */
    Order(OrderBook book, boolean buy, long price, long shares, long[] level) {
      this.symbol = book.symbol;
      this.book = book;
      this.buy = buy;
      this.price = price;
      this.shares = shares;
      this.level = level;
    }
  }

  /** The most shares one trade may have: sizes are longs scaled by 10^8 (ITCH's 4-byte sizes stay far below). */
  static final long MAX_SHARES = 10_000_000_000L;

  private final long midnightNanos;
  private final OrderRefs<Order> orders = new OrderRefs<>();
  private final Map<String, OrderBook> books = new TreeMap<>();
  /** The book last used by each stock locate: an add names its instrument by locate and symbol both. */
  private final OrderBook[] byLocate = new OrderBook[1 << 16];
  private final ItchDirectory directory = new ItchDirectory();
  private long messages;

  /** A session whose timestamps count from {@code midnightNanos} (the session date's midnight, epoch nanos). */
  public ItchBooks(long midnightNanos) {
    this.midnightNanos = midnightNanos;
  }

  /** Applies message {@code seq}, {@code b[off, off + len)} (framed: known type, right length). */
  public void apply(long seq, byte[] b, int off, int len, Output out) {
    messages++;
    long ts = midnightNanos + u48(b, off + ItchLayout.TIMESTAMP);
    int p = off + BODY;
    switch (b[off]) {
      case 'R', 'H', 'Y', 'h', 'V', 'W' -> {
        String problem = directory.apply(b, off);
        if (problem != null) {
          out.reject(seq, problem);
        }
      }
      case 'A', 'F' -> add(seq, ts, b, off, out);
      case 'E' -> execute(seq, ts, u64(b, p), u32(b, p + 8), 0, out);
      case 'C' -> executeAtPrice(seq, ts, b, p, out);
      case 'X' -> cancel(seq, ts, u64(b, p), u32(b, p + 8), out);
      case 'D' -> delete(seq, ts, u64(b, p), out);
      case 'U' -> replace(seq, ts, u64(b, p), u64(b, p + 8), u32(b, p + 16), u32(b, p + 20), out);
      case 'P' -> print(seq, ts, symbol(b, p + 13), u32(b, p + 21), u32(b, p + 9), out);
      case 'Q' -> print(seq, ts, symbol(b, p + 8), u32(b, p + 16), u64(b, p), out);
      case 'B' -> out.reject(seq, "trade break of match " + u64(b, p) + ": a trade once applied is not taken back (README, ITCH)");
      default -> { } // system events, regulatory and auction messages: nothing for the books
    }
  }

  /** What a framer hands on, applied here: each message to the books, each broken one to {@code out} as a reject. */
  public ItchFramer.Sink applying(Output out) {
    return new ItchFramer.Sink() {
      @Override
      public void message(long seq, byte[] b, int off, int len) {
        apply(seq, b, off, len, out);
      }

      @Override
      public void broken(long seq, String reason, byte[] b, int off, int len) {
        out.reject(seq, reason);
      }
    };
  }

  /** The book of {@code symbol}, or null if no order of it was ever seen. */
  public OrderBook book(String symbol) {
    return books.get(symbol);
  }

  /** Every instrument with a book, in symbol order. */
  public Iterable<String> symbols() {
    return books.keySet();
  }

  /** Orders resting now, all instruments. */
  public int restingOrders() {
    return orders.size();
  }

  /** Messages applied (or refused) so far. */
  public long messages() {
    return messages;
  }

  /** The session's directory: listings, trading states, market-wide status. */
  public ItchDirectory directory() {
    return directory;
  }

  /** The symbol of stock locate {@code locate} in the directory, or null. */
  public String listed(int locate) {
    return directory.listed(locate);
  }

  /** The trading state of {@code symbol} (ITCH H: 'T' trading, 'H' halted, 'P' paused, 'Q' quotation only), or null. */
  public Character tradingState(String symbol) {
    return directory.tradingState(symbol);
  }

  /** An add (A, F) of the message at {@code b[off…]}; its instrument's book is made only once the add is valid. */
  private void add(long seq, long ts, byte[] b, int off, Output out) {
    int p = off + BODY;
    long ref = u64(b, p);
    byte side = b[p + 8];
    long shares = u32(b, p + 9);
    long price = u32(b, p + 21);
    int locate = ItchLayout.u16(b, off + ItchLayout.LOCATE);
    OrderBook book = lastBook(locate, b, p + 13);
    String symbol = book != null ? book.symbol : symbol(b, p + 13);
    String problem = side != 'B' && side != 'S' ? "side " + (char) side + " is neither B nor S"
        : symbol == null || !Symbols.isValid(symbol) ? "unreadable symbol"
        : price == 0 ? "price 0"
        : shares == 0 ? "0 shares"
        : orders.containsKey(ref) ? "order " + ref + " already rests in the book"
        : null;
    if (problem != null) {
      out.reject(seq, "add order " + ref + ": " + problem);
      return;
    }
    if (book == null) {
      book = books.computeIfAbsent(symbol, s -> new OrderBook(s, Arrays.copyOfRange(b, p + 13, p + 13 + ItchLayout.SYMBOL_LENGTH)));
      byLocate[locate] = book;
    }
    long[] level = book.add(side == 'B', price, shares);
    if (level == null) {
      out.reject(seq, "add order " + ref + ": " + levelFull(price));
      return;
    }
    orders.put(ref, new Order(book, side == 'B', price, shares, level));
    changed(seq, ts, book.symbol, book, out);
  }

  /**
   * The book stock locate {@code locate} used last, if its symbol field is the one at {@code b[at, at + 8)}
   * (then no String is made for the add); else null.
   */
  private OrderBook lastBook(int locate, byte[] b, int at) {
    OrderBook last = byLocate[locate];
    return last != null && Arrays.equals(last.symbolField, 0, ItchLayout.SYMBOL_LENGTH, b, at, at + ItchLayout.SYMBOL_LENGTH) ? last : null;
  }

  private void executeAtPrice(long seq, long ts, byte[] b, int p, Output out) {
    byte printable = b[p + 20];
    long price = u32(b, p + 21);
    if (printable != 'Y' && printable != 'N') {
      out.reject(seq, "execution with price: printable " + (char) printable + " is neither Y nor N");
    } else if (printable == 'Y' && price == 0) {
      out.reject(seq, "execution with price: printable at price 0");
    } else {
      execute(seq, ts, u64(b, p), u32(b, p + 8), printable == 'Y' ? price : -1, out);
    }
  }

  /** An execution of {@code shares} of order {@code ref}: a trade at {@code price}, the order's own if 0, none if -1. */
  private void execute(long seq, long ts, long ref, long shares, long price, Output out) {
    Order order = reduce(seq, "execution", ref, shares, out);
    if (order == null) {
      return;
    }
    if (price >= 0) {
      trade(seq, ts, order.symbol, price == 0 ? order.price : price, shares, out);
    }
    changed(seq, ts, order.symbol, order.book, out);
  }

  private void cancel(long seq, long ts, long ref, long shares, Output out) {
    Order order = reduce(seq, "cancel", ref, shares, out);
    if (order != null) {
      changed(seq, ts, order.symbol, order.book, out);
    }
  }

  private void delete(long seq, long ts, long ref, Output out) {
    Order order = orders.get(ref);
    if (order == null) {
      out.reject(seq, "delete of order " + ref + ": order " + ref + " is not in the book");
      return;
    }
    remove(ref, order, order.shares);
    changed(seq, ts, order.symbol, order.book, out);
  }

  private void replace(long seq, long ts, long ref, long newRef, long shares, long price, Output out) {
    Order old = orders.get(ref);
    String problem = old == null ? "order " + ref + " is not in the book"
        : newRef != ref && orders.containsKey(newRef) ? "new order " + newRef + " already rests in the book"
        : price == 0 ? "price 0"
        : shares == 0 ? "0 shares"
        : !old.book.fits(old.buy, price, shares - (price == old.price ? old.shares : 0)) ? levelFull(price)
        : null;
    if (problem != null) {
      out.reject(seq, "replace of order " + ref + " by " + newRef + ": " + problem);
      return;
    }
    remove(ref, old, old.shares);
    orders.put(newRef, new Order(old.book, old.buy, price, shares, old.book.add(old.buy, price, shares)));
    changed(seq, ts, old.symbol, old.book, out);
  }

  private static String levelFull(long price) {
    return "the level at " + price + " (4 implied decimals) would hold more than " + OrderBook.MAX_LEVEL_SHARES
        + " shares, more than a quote's size can carry";
  }

  /** A trade that touches no displayed order (P, Q); a cross of 0 shares is no trade. */
  private void print(long seq, long ts, String symbol, long price, long shares, Output out) {
    if (symbol == null || !Symbols.isValid(symbol)) {
      out.reject(seq, "trade with an unreadable symbol");
    } else if (shares < 0 || shares > MAX_SHARES) { // a cross's 8-byte shares past 2^63 read as negative
      out.reject(seq, "trade of " + Long.toUnsignedString(shares) + " shares of " + symbol + ": more than " + MAX_SHARES);
    } else if (shares > 0 && price == 0) {
      out.reject(seq, "trade of " + symbol + " at price 0");
    } else if (shares > 0) {
      trade(seq, ts, symbol, price, shares, out);
    }
  }

  private void trade(long seq, long ts, String symbol, long price, long shares, Output out) {
    Character state = directory.tradingState(symbol);
    if (state != null && state != 'T') {
      out.reject(seq, "trade of " + symbol + " while its trading state is " + state + " (not T): not applied");
      return;
    }
    out.trade(seq, symbol, ts, price, shares);
  }

  /** Takes {@code shares} off order {@code ref} (all of it: the order is gone); null, with a reject, if it cannot. */
  private Order reduce(long seq, String what, long ref, long shares, Output out) {
    Order order = orders.get(ref);
    String problem = order == null ? "order " + ref + " is not in the book"
        : shares == 0 ? "0 shares"
        : shares > order.shares ? shares + " shares of an order with " + order.shares + " resting"
        : null;
    if (problem != null) {
      out.reject(seq, what + " of order " + ref + ": " + problem);
      return null;
    }
    remove(ref, order, shares);
    return order;
  }

  private void remove(long ref, Order order, long shares) {
    order.shares -= shares;
    boolean gone = order.shares == 0;
    order.book.remove(order.buy, order.level, shares, gone);
    if (gone) {
      orders.remove(ref);
    }
  }

  /** Message {@code seq} changed the book of {@code symbol}: says so, and makes a quote if its top moved. */
  private void changed(long seq, long ts, String symbol, OrderBook book, Output out) {
    book.changedAt(ts);
    out.bookChanged(book);
    if (book.topChanged()) {
      OrderBook.Top top = book.top();
      if (top.twoSided()) {
        out.quote(seq, symbol, ts, top);
      }
    }
  }
}
