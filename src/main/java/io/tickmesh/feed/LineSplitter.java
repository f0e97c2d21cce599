package io.tickmesh.feed;

import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts a byte stream that arrives in chunks into lines for a {@link LineSink}. A line that lies within
 * one chunk is passed as a slice of that chunk, without copying; only a line that crosses a chunk
 * boundary is copied, into a buffer that never grows beyond {@code maxLineBytes}. A line longer than
 * that is reported once with its first bytes and skipped up to its newline. Not thread-safe: one per
 * connection or file, fed by one thread.
 */
public final class LineSplitter {
  /** Most bytes of an oversized line handed to {@link LineSink#tooLong}. */
  public static final int PREFIX_BYTES = 1024;

  private final int maxLineBytes;
  private final LineSink sink;
  private byte[] carry = new byte[0]; // start of a line that crossed a chunk boundary
  private int carryLen;
  private boolean carryCr; // a '\r' right after a full carry: kept as a flag so carry fits the limit
  private boolean skipping; // inside an oversized line
  private byte[] prefix;
  private int prefixLen;
  private long skippedBytes;
  private boolean skippedEndsWithCr;
  private long lineNo;

  /** A splitter passing lines of at most {@code maxLineBytes} (newline and trailing CR not counted). */
  public LineSplitter(int maxLineBytes, LineSink sink) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Splits the next chunk of the stream; {@code chunk} may be reused by the caller afterwards. */
  public void accept(byte[] chunk, int off, int len) {
    Objects.checkFromIndexSize(off, len, chunk.length);
    int end = off + len;
    int pos = off;
    while (pos < end) {
      int newline = indexOfNewline(chunk, pos, end);
      if (newline < 0) {
        partial(chunk, pos, end);
        return;
      }
      endOfLine(chunk, pos, newline);
      pos = newline + 1;
    }
  }

  /** Ends the stream: a last line without a newline is still a line. */
  public void finish() {
    if (skipping || carryLen > 0 || carryCr) {
      endOfLine(carry, 0, 0); // an empty last piece: the line is what is pending
    }
  }

  /** Number of lines seen so far, blank and oversized ones included. */
  public long lineCount() {
    return lineNo;
  }

  private static int indexOfNewline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The end of a line is {@code b[from, to)}; its start may be in the carry. */
  private void endOfLine(byte[] b, int from, int to) {
    lineNo++;
    if (!skipping && carryLen == 0 && !carryCr) {
      int n = to - from;
      if (n > 0 && b[to - 1] == '\r') {
        n--;
      }
      if (n > maxLineBytes) {
        startSkipping(b, from, to);
        finishSkipping();
      } else if (n > 0) {
        sink.line(b, from, n, lineNo);
      }
      return;
    }
    partial(b, from, to);
    if (skipping) {
      finishSkipping();
    } else {
      emitCarry();
    }
  }

  /** A piece of the current line with no newline in it. */
  private void partial(byte[] b, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return;
    }
    if (skipping) {
      skip(b, from, to);
      return;
    }
    if (!carryCr) {
      int room = maxLineBytes - carryLen;
      if (n <= room) {
        append(b, from, n);
        return;
      }
      if (n == room + 1 && b[to - 1] == '\r') { // fits if the newline follows right away
        append(b, from, n - 1);
        carryCr = true;
        return;
      }
    }
    startSkipping(b, from, to);
  }

  private void append(byte[] b, int from, int n) {
    int need = carryLen + n;
    if (need > carry.length) {
      int grown = Math.max(need, Math.max(256, carry.length * 2));
      carry = Arrays.copyOf(carry, Math.min(grown, maxLineBytes));
    }
    System.arraycopy(b, from, carry, carryLen, n);
    carryLen = need;
  }

  private void emitCarry() {
    int n = carryLen;
    if (!carryCr && n > 0 && carry[n - 1] == '\r') {
      n--;
    }
    carryLen = 0;
    carryCr = false;
    if (n > 0) {
      sink.line(carry, 0, n, lineNo);
    }
  }

  private void startSkipping(byte[] b, int from, int to) {
    if (prefix == null) {
      prefix = new byte[PREFIX_BYTES];
    }
    skipping = true;
    prefixLen = 0;
    skippedBytes = 0;
    skip(carry, 0, carryLen);
    if (carryCr) {
      carry[0] = '\r'; // carry is no longer needed: lend it for the one byte
      skip(carry, 0, 1);
    }
    skip(b, from, to);
    carryLen = 0;
    carryCr = false;
  }

  private void skip(byte[] b, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return;
    }
    int take = Math.min(n, PREFIX_BYTES - prefixLen);
    System.arraycopy(b, from, prefix, prefixLen, take);
    prefixLen += take;
    skippedBytes += n;
    skippedEndsWithCr = b[to - 1] == '\r';
  }

  private void finishSkipping() {
    long total = skippedBytes - (skippedEndsWithCr ? 1 : 0);
    int shown = (int) Math.min(prefixLen, total);
    skipping = false;
    sink.tooLong(prefix, shown, lineNo, total);
  }
}
