package io.tickmesh.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * A {@link LineSource} that makes its lines from a stream read in chunks: each chunk is handed to
 * {@link #chunk}, which queues the lines it completes with {@link #ready}; the end of the stream goes to
 * {@link #finish}. Reads block: used on a worker only.
 */
abstract class ChunkedLineSource implements LineSource {
  private final InputStream in;
  private final byte[] buffer;
  private final ArrayDeque<OutLine> ready = new ArrayDeque<>();
  private boolean eof;

  ChunkedLineSource(InputStream in, int chunkBytes) {
    this.in = in;
    this.buffer = new byte[chunkBytes];
  }

  /** Takes {@code b[off, off + len)}, the next bytes of the stream. */
  abstract void chunk(byte[] b, int off, int len);

  /** The stream has ended. */
  abstract void finish();

  /** Queues a line to send. */
  final void ready(OutLine line) {
    ready.addLast(line);
  }

  @Override
  public final OutLine next() throws IOException {
    while (ready.isEmpty() && !eof) {
      int n = in.read(buffer);
      if (n < 0) {
        eof = true;
        finish();
      } else {
        chunk(buffer, 0, n);
      }
    }
    return ready.pollFirst();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
