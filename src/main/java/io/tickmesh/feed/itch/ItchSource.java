package io.tickmesh.feed.itch;

import io.vertx.core.Future;

/**
 * Where an ITCH feed's messages come from: a file ({@link ItchFileSource}) or a SoupBinTCP session
 * ({@link ItchSoupSource}). Either numbers the session's messages 1, 2, 3… and hands them over in order,
 * in chunks. Threading: the feed's event loop.
 */
public interface ItchSource {
  /** What a source hands its messages to. */
  interface Intake extends ItchFramer.Sink {
    /** Messages of one read follow, until {@link #chunkDone()}. */
    void chunkStarts();

    /** The messages of one read are handed over. */
    void chunkDone();

    /** The session has no more messages (the file's end, or the server's end of session). */
    void ended();
  }

  /** Starts reading into {@code intake}. */
  void start(Intake intake);

  /** Reads nothing more until {@link #resume()} (flow control: the shards are behind). */
  void pause();

  /** Reads again after {@link #pause()}. */
  void resume();

  /** Stops reading for good. */
  Future<Void> close();

  /** The sequence number of the last message handed over (0 before the first). */
  long lastSeq();

  /** Where it reads from, for logs and stats. */
  String describe();
}
