package io.tickmesh.feed;

/**
 * A reusable view of a range of Jackson's {@code char[]} text: reading a field allocates nothing. Public
 * for the Flink peer of {@code bench} (peers/flink), which reads ticks as the node does.
 */
public final class CharSlice implements CharSequence {
  private char[] chars = new char[0];
  private int off;
  private int len;

  /** Views {@code chars[off, off + len)} until the next call. */
  public CharSlice set(char[] chars, int off, int len) {
    this.chars = chars;
    this.off = off;
    this.len = len;
    return this;
  }

  @Override
  public int length() {
    return len;
  }

  @Override
  public char charAt(int index) {
    return chars[off + index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new String(chars, off + start, end - start);
  }

  @Override
  public String toString() {
    return new String(chars, off, len);
  }
}
