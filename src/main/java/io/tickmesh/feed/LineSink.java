package io.tickmesh.feed;

/** Receives what a {@link LineSplitter} cuts from a byte stream, on the thread feeding the splitter. */
public interface LineSink {
  /**
   * One non-blank line without its newline (and without a trailing {@code \r}). {@code buf} is lent for
   * the call only: it may be the caller's chunk or the splitter's buffer, both reused afterwards.
   * {@code lineNo} counts every line from 1, blank ones included.
   */
  void line(byte[] buf, int off, int len, long lineNo);

  /**
   * A line longer than the splitter's limit, reported once when its end is reached; the line itself is
   * skipped. {@code prefix[0, prefixLen)} holds its first bytes (at most 1024), lent for the call only;
   * {@code totalBytes} is its full length without newline.
   */
  void tooLong(byte[] prefix, int prefixLen, long lineNo, long totalBytes);
}
