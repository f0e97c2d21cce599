package io.tickmesh.feed;

/**
 * The strings a parser made lately, found again by their text: a line naming a symbol or feed seen
 * before gets the very same {@code String}, so it allocates nothing, its hash is computed once, and the
 * shard's maps and dedupe compare it by identity first. Direct-mapped (one string per slot, the newest
 * wins), so it never grows. Holds only texts that passed their check: one found here needs none again.
 * Not thread-safe: one per parser.
 */
final class TextCache {
  private static final int SLOTS = 4096;

  private final String[] slots = new String[SLOTS];

  /** The cached string equal to {@code v}, or null. */
  String find(CharSequence v) {
    String s = slots[slot(v)];
    return s != null && same(s, v) ? s : null;
  }

  /** Keeps {@code s} (a checked value) for the texts equal to it; returns it. */
  String keep(String s) {
    slots[slot(s)] = s;
    return s;
  }

  private static int slot(CharSequence v) {
    int h = 0;
    for (int i = 0; i < v.length(); i++) {
      h = 31 * h + v.charAt(i);
    }
    return (h ^ (h >>> 16)) & (SLOTS - 1);
  }

  private static boolean same(String s, CharSequence v) {
    int n = s.length();
    if (n != v.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) != v.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
