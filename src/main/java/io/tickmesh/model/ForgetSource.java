package io.tickmesh.model;

import java.util.List;

/**
 * Tells a shard that feed source {@code source} (a closed connection) has sent its last batch and that
 * every tick of it is durable: the shard drops the source's last answer and the highest applied seq of
 * each of {@code feeds}, the feeds the node assigned to that source, which no one can ever send again.
 */
public record ForgetSource(String source, List<String> feeds) {
  /** Keeps an unmodifiable copy. */
  public ForgetSource {
    if (source == null || feeds == null) {
      throw new IllegalArgumentException("a source to forget needs its id and its feeds");
    }
    feeds = List.copyOf(feeds);
  }
}
