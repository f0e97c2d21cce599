package io.tickmesh.obs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger {@code tickmesh.path}: at DEBUG (LOG_PATH=DEBUG) one line per tick batch at each stage of its
 * path (feed routes it, shard applies it, shard publishes its outputs, feed gets the answer), every line
 * with the batch's correlation id {@code cid}, which crosses the event bus in the {@code cid} header.
 * Off by default: callers check {@link Logger#isDebugEnabled()} so the hot path pays nothing.
 */
public final class PathLog {
  /** The path logger. */
  public static final Logger LOG = LoggerFactory.getLogger("tickmesh.path");

  private PathLog() {}
}
