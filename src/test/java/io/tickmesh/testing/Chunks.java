package io.tickmesh.testing;

import java.util.Arrays;

/**
 * Cuts a byte stream into the chunks a socket or a file read might hand a framer, for the fuzz targets.
 * Each chunk lies in an array of its own between two sentinel bytes, so a framer that reads outside
 * {@code [off, off + len)} meets bytes that are not the stream's.
 */
public final class Chunks {
  /** Takes one chunk: {@code chunk[off, off + len)}. */
  @FunctionalInterface
  public interface Taker {
    void take(byte[] chunk, int off, int len);
  }

  private Chunks() {}

  /** Hands {@code stream} to {@code taker} in chunks of {@code size} bytes (the last one may be shorter). */
  public static void feed(byte[] stream, int size, Taker taker) {
    for (int from = 0; from < stream.length; from += size) {
      int len = Math.min(size, stream.length - from);
      byte[] chunk = new byte[len + 2];
      Arrays.fill(chunk, (byte) '\n');
      System.arraycopy(stream, from, chunk, 1, len);
      taker.take(chunk, 1, len);
    }
  }
}
