package io.tickmesh.feed;

/** Shapes input text for reject reasons: quoted, cut short, odd characters named by code point. */
final class Reasons {
  private static final int MAX_QUOTED = 64;

  private Reasons() {}

  /** {@code 'text'}, cut to 64 characters with {@code ...} when longer. */
  static String quote(CharSequence text) {
    if (text.length() <= MAX_QUOTED) {
      return "'" + text + "'";
    }
    return "'" + text.subSequence(0, MAX_QUOTED) + "...'";
  }

  /** {@code '$'} for a printable ASCII character, {@code U+0009} for a control, else non-ASCII. */
  static String character(char c) {
    if (c >= 0x20 && c < 0x7f) {
      return "'" + c + "'";
    }
    if (c < 0x20 || c == 0x7f) {
      return String.format("U+%04X", (int) c);
    }
    return "(non-ASCII)";
  }
}
