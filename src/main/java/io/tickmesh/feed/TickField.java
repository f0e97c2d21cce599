package io.tickmesh.feed;

/** The fields of a tick line, named as JSON keys and CSV columns, each with its bit in a field set. */
enum TickField {
  TYPE("type"),
  SYM("sym"),
  TS("ts"),
  PX("px"),
  QTY("qty"),
  BID("bid"),
  BID_QTY("bidQty"),
  ASK("ask"),
  ASK_QTY("askQty"),
  FEED("feed"),
  SEQ("seq");

  /** Fields only a trade may carry. */
  static final int TRADE_ONLY = PX.bit | QTY.bit;
  /** Fields only a quote may carry. */
  static final int QUOTE_ONLY = BID.bit | BID_QTY.bit | ASK.bit | ASK_QTY.bit;

  private static final TickField[] ALL = values();

  final String key;
  final int bit;

  @SuppressWarnings("EnumOrdinal") // a bit per field, as EnumSet does; first() relies on the same order
  TickField(String key) {
    this.key = key;
    this.bit = 1 << ordinal();
  }

  /** The field named {@code key}, or null. */
  static TickField byKey(String key) {
    return switch (key) {
      case "type" -> TYPE;
      case "sym" -> SYM;
      case "ts" -> TS;
      case "px" -> PX;
      case "qty" -> QTY;
      case "bid" -> BID;
      case "bidQty" -> BID_QTY;
      case "ask" -> ASK;
      case "askQty" -> ASK_QTY;
      case "feed" -> FEED;
      case "seq" -> SEQ;
      default -> null;
    };
  }

  /**
   * The field named by the ASCII bytes {@code b[off, off + len)}, or null; allocates nothing. The first
   * byte and the length pick the one candidate, which is then compared whole (a scan of every key took
   * 7 % of a feed event loop's samples under {@code bench}).
   */
  static TickField byKey(byte[] b, int off, int len) {
    if (len < 2) {
      return null;
    }
    TickField candidate = switch (b[off]) {
      case 't' -> len == 4 ? TYPE : TS;
      case 's' -> b[off + 1] == 'y' ? SYM : SEQ;
      case 'p' -> PX;
      case 'q' -> QTY;
      case 'b' -> len == 3 ? BID : BID_QTY;
      case 'a' -> len == 3 ? ASK : ASK_QTY;
      case 'f' -> FEED;
      default -> null;
    };
    return candidate != null && candidate.named(b, off, len) ? candidate : null;
  }

  private boolean named(byte[] b, int off, int len) {
    if (key.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (key.charAt(i) != b[off + i]) {
        return false;
      }
    }
    return true;
  }

  /** The field of the lowest bit set in {@code bits} (not 0). */
  static TickField first(int bits) {
    return ALL[Integer.numberOfTrailingZeros(bits)];
  }

  /** True for fields whose JSON value must be an integer ({@code seq}); in a CSV cell it is text. */
  boolean integerOnly() {
    return this == SEQ;
  }

  /** True for fields whose value is text only: a JSON number is refused there. */
  boolean textOnly() {
    return this == TYPE || this == SYM || this == FEED;
  }
}
