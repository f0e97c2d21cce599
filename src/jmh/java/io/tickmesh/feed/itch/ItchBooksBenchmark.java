package io.tickmesh.feed.itch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ITCH 5.0 in one thread, in messages per second: the fixture day (12,012 messages, BinaryFILE without
 * lengths) framed by {@link ItchFramer} and applied to fresh {@link ItchBooks}, trades and tops of book
 * handed to a blackhole ({@link #booksFromBytes}); against the plain loop over the same bytes that only
 * finds each message and reads its type and first field ({@link #plainLoop}), the physical limit of this
 * machine for these messages. The day is small: it stays in cache, a full day would not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ItchBooksBenchmark {
  private static final int MESSAGES = 12_012;
  private byte[] day;

  /** Reads the fixture; nothing of this is timed. */
  @Setup
  public void read() throws IOException {
    day = Files.readAllBytes(Path.of("src/test/resources/itch/ex20101224.TEST_ITCH_50"));
  }

  /** Frames and applies the whole day. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void booksFromBytes(Blackhole bh) {
    ItchBooks books = new ItchBooks(0);
    ItchBooks.Output out = new ItchBooks.Output() {
      @Override
      public void trade(long seq, String symbol, long tsNanos, long price, long shares) {
        bh.consume(price);
      }

      @Override
      public void quote(long seq, String symbol, long tsNanos, OrderBook.Top top) {
        bh.consume(top);
      }

      @Override
      public void reject(long seq, String reason) {
        bh.consume(reason);
      }
    };
    ItchFramer framer = new ItchFramer();
    framer.feed(day, 0, day.length, books.applying(out));
    bh.consume(books.restingOrders());
  }

  /** The plain loop: finds each message by its type's length and reads its first field. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long plainLoop() {
    long sum = 0;
    for (int at = 0; at + 2 < day.length; ) {
      int len = ItchLayout.length(day[at + 2]);
      sum += day[at + 2] + ItchLayout.u16(day, at + 3);
      at += 2 + len;
    }
    return sum;
  }
}
