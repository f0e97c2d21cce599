package io.tickmesh.cli;

import java.io.IOException;

/**
 * Where a publisher's lines come from. Called on a worker context, so it may block on file reads.
 */
interface LineSource extends AutoCloseable {
  /** The next line, or null when there are no more. */
  OutLine next() throws IOException;

  /** Lines expected in all, or -1 if unknown (for the progress bar). */
  long expected();

  @Override
  void close() throws IOException;
}
