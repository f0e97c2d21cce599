package io.tickmesh.cli;

/**
 * A one-line progress bar on stderr, redrawn in place: the share of lines done (acknowledged or refused),
 * then sent, acknowledged, refused, rate.
 */
final class Progress {
  private final boolean enabled;
  private final long startNanos = System.nanoTime();

  Progress(boolean enabled) {
    this.enabled = enabled;
  }

  void show(long sent, long done, long acked, long rejected, long expected, boolean last) {
    if (!enabled) {
      return;
    }
    double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    StringBuilder sb = new StringBuilder("\r");
    if (expected > 0) {
      int width = 30;
      // the last show is of a finished run: every line settled, whatever the file's count included
      long settled = last ? expected : done;
      int filled = (int) Math.min(width, width * settled / expected);
      sb.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
      sb.append(String.format("%3d%% ", Math.min(100, 100 * settled / expected)));
    }
    sb.append(String.format("sent %,d  acked %,d  rejected %,d  %,.0f lines/s", sent, acked, rejected, sent / seconds));
    System.err.print(sb);
    if (last) {
      System.err.println();
    }
  }
}
