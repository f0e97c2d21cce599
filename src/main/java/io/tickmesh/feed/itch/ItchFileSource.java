package io.tickmesh.feed.itch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ITCH file (BinaryFILE) read from its first message, in chunks of 512 KiB (fewer, larger batches to the
 * shards), framed by {@link ItchFramer}; read at a rate, in chunks of about a tenth of a second's messages,
 * since the rate is kept chunk by chunk (a file smaller than one chunk would otherwise be read at once).
 * Threading: the feed's event loop.
 */
public final class ItchFileSource implements ItchSource {
  private static final Logger LOG = LoggerFactory.getLogger(ItchFileSource.class);
  private static final int CHUNK_BYTES = 512 * 1024;
  private static final int MIN_CHUNK_BYTES = 1024;
  /** About a tenth of a second of messages at one message a second: ITCH messages average some 40 bytes. */
  private static final int BYTES_PER_RATE = 4;

  private final Vertx vertx;
  private final Path path;
  private final int chunkBytes;
  private final ItchFramer framer = new ItchFramer();
  private AsyncFile file;
  private boolean paused;

  /** The file at {@code path}, to be read at {@code ratePerSec} messages a second (0: as fast as taken). */
  public ItchFileSource(Vertx vertx, Path path, int ratePerSec) {
    this.vertx = vertx;
    this.path = path;
    this.chunkBytes = ratePerSec == 0 ? CHUNK_BYTES
        : (int) Math.max(MIN_CHUNK_BYTES, Math.min(CHUNK_BYTES, (long) ratePerSec * BYTES_PER_RATE));
  }

  @Override
  public void start(Intake intake) {
    vertx.fileSystem().open(path.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false)).onComplete(ar -> {
      if (ar.failed()) {
        LOG.atError().addKeyValue("file", path).log("cannot open ITCH file {}: {}", path, ar.cause().getMessage());
        return;
      }
      file = ar.result();
      file.setReadBufferSize(chunkBytes);
      file.exceptionHandler(e -> LOG.atError().addKeyValue("file", path)
          .log("reading ITCH file {} failed after message {}: {}", path, framer.lastSeq(), e.getMessage()));
      file.endHandler(v -> {
        intake.chunkStarts();
        framer.end(intake);
        intake.chunkDone();
        intake.ended();
      });
      file.handler(chunk -> read(chunk, intake));
      if (paused) {
        file.pause();
      }
    });
  }

  private void read(Buffer chunk, Intake intake) {
    byte[] bytes = chunk.getBytes();
    intake.chunkStarts();
    framer.feed(bytes, 0, bytes.length, intake);
    intake.chunkDone();
  }

  @Override
  public void pause() {
    paused = true;
    if (file != null) {
      file.pause();
    }
  }

  @Override
  public void resume() {
    paused = false;
    if (file != null) {
      file.resume();
    }
  }

  @Override
  public Future<Void> close() {
    return file == null ? Future.succeededFuture() : file.close();
  }

  @Override
  public long lastSeq() {
    return framer.lastSeq();
  }

  @Override
  public String describe() {
    return "file " + path;
  }
}
