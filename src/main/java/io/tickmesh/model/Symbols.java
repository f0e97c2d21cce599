package io.tickmesh.model;

/**
 * What a symbol may be and which shard owns it. A symbol is 1 to 32 characters of
 * {@code A-Z a-z 0-9 . - _ : /}; its shard is a stable hash of its bytes, the same on every node and in
 * every release (changing it would move every symbol's state).
 */
public final class Symbols {
  /** Longest symbol accepted. */
  public static final int MAX_LENGTH = 32;

  private Symbols() {}

  /** True if {@code s} is a well-formed symbol. */
  public static boolean isValid(CharSequence s) {
    if (s == null || s.length() == 0 || s.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isSymbolChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True if {@code c} may appear in a symbol. */
  public static boolean isSymbolChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '-'
        || c == '_'
        || c == ':'
        || c == '/';
  }

  /** The owning shard: 32-bit FNV-1a of the symbol's (ASCII) bytes, unsigned, modulo {@code shards}. */
  public static int shardOf(CharSequence symbol, int shards) {
    int h = 0x811c9dc5;
    for (int i = 0; i < symbol.length(); i++) {
      h ^= symbol.charAt(i) & 0xff;
      h *= 0x01000193;
    }
    return Integer.remainderUnsigned(h, shards);
  }
}
