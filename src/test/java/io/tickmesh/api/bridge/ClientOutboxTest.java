package io.tickmesh.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-client write queue: conflated quotes while the client lags, frames kept while the transport is
 * full, a disconnect past the bound, and every byte accounted for in the bridge's budget.
 */
class ClientOutboxTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    var unused = vertx.close();
  }

  /** A client whose writes complete only when the test says it has read them. */
  private static final class SlowLink implements ClientLink {
    final List<String> written = new ArrayList<>();
    final List<Promise<Void>> unread = new ArrayList<>();
    int writes;
    boolean transportFull;
    Runnable drain;
    String closedWith;

    @Override
    public Future<Void> write(List<Delivery> frames) {
      frames.forEach(f -> written.add(f.text()));
      writes++;
      Promise<Void> read = Promise.promise();
      unread.add(read);
      return read.future();
    }

    @Override
    public boolean writeQueueFull() {
      return transportFull;
    }

    @Override
    public void onDrain(Runnable then) {
      drain = then;
    }

    @Override
    public void close(int code, String reason) {
      closedWith = code + " " + reason;
    }

    @Override
    public String describe() {
      return "test";
    }

    void readAll() {
      List<Promise<Void>> now = new ArrayList<>(unread);
      unread.clear();
      now.forEach(Promise::complete);
    }

    void drained() {
      transportFull = false;
      Runnable then = drain;
      drain = null;
      then.run();
    }
  }

  /** Sums what the outbox reserves and releases, as a bridge does, and flushes when the test says the batch ends. */
  private static final class Total implements ClientOutbox.Hub {
    long bytes;
    final List<ClientOutbox> toFlush = new ArrayList<>();

    @Override
    public void reserve(ClientOutbox asking, int n) {
      bytes += n;
    }

    @Override
    public void release(int n) {
      bytes -= n;
    }

    @Override
    public void flushSoon(ClientOutbox outbox) {
      toFlush.add(outbox);
    }

    /** The end of a batch. */
    void flush() {
      List<ClientOutbox> now = new ArrayList<>(toFlush);
      toFlush.clear();
      now.forEach(ClientOutbox::flush);
    }
  }

  private final SlowLink link = new SlowLink();
  private final Total total = new Total();

  private static Delivery quote(String symbol, int n) {
    return new Delivery("quotes." + symbol, Buffer.buffer("{\"symbol\":\"" + symbol + "\",\"pubSeq\":" + n + "}"), true);
  }

  private static Delivery trade(int n) {
    return new Delivery("trades.T", Buffer.buffer("{\"symbol\":\"T\",\"px\":\"1.5\",\"pubSeq\":" + n + "}"), false);
  }

  /** Ends batches and lets the client read, until nothing is left to write. */
  private void settle() {
    while (!total.toFlush.isEmpty() || !link.unread.isEmpty()) {
      total.flush();
      link.readAll();
    }
  }

  @Test
  void aLaggingClientGetsOnlyTheLatestQuoteOfEachSymbolInOrder() {
    ClientOutbox outbox = new ClientOutbox(vertx, link, total, 100_000, 1_024);
    for (int n = 1; n <= 100; n++) {
      assertThat(outbox.offer(quote("Q", n))).isIn(ClientOutbox.Outcome.QUEUED, ClientOutbox.Outcome.HELD);
      assertThat(outbox.offer(quote("R", n))).isIn(ClientOutbox.Outcome.QUEUED, ClientOutbox.Outcome.HELD);
    }
    total.flush();
    int beforeCatchUp = link.written.size();
    assertThat(beforeCatchUp).as("queued until the client lags by conflateBytes").isBetween(2, 60);
    assertThat(link.writes).as("the batch in one write").isEqualTo(1);
    settle();
    assertThat(link.written.subList(beforeCatchUp, link.written.size())).as("the latest of each symbol, once")
        .containsExactlyInAnyOrder("{\"symbol\":\"Q\",\"pubSeq\":100}", "{\"symbol\":\"R\",\"pubSeq\":100}");
    assertThat(outbox.conflated()).as("each quote is written or replaced").isEqualTo(200L - link.written.size());
    assertThat(total.bytes).as("every byte reserved was released").isZero();
  }

  @Test
  void aQuoteNeverOvertakesTheHeldQuoteOfItsSymbol() {
    ClientOutbox outbox = new ClientOutbox(vertx, link, total, 100_000, 40);
    var first = outbox.offer(quote("Q", 1)); // queued: now 25 bytes unread
    var second = outbox.offer(quote("Q", 2)); // still below 40: queued
    var third = outbox.offer(quote("Q", 3)); // past 40: held
    settle(); // below 40 again: Q 3 goes out after the others
    var fourth = outbox.offer(quote("Q", 4));
    settle();
    assertThat(List.of(first, second, third, fourth)).containsExactly(ClientOutbox.Outcome.QUEUED,
        ClientOutbox.Outcome.QUEUED, ClientOutbox.Outcome.HELD, ClientOutbox.Outcome.QUEUED);
    assertThat(link.written).extracting(s -> s.replaceAll(".*\"pubSeq\":(\\d+).*", "$1")).containsExactly("1", "2", "3", "4");
  }

  @Test
  void framesWaitWhileTheTransportIsFullAndFollowInOneWrite() {
    ClientOutbox outbox = new ClientOutbox(vertx, link, total, 100_000, 50_000);
    link.transportFull = true;
    for (int n = 1; n <= 10; n++) {
      assertThat(outbox.offer(trade(n))).isEqualTo(ClientOutbox.Outcome.QUEUED);
    }
    total.flush();
    assertThat(link.written).as("nothing handed to a full transport").isEmpty();
    assertThat(outbox.unread()).isEqualTo(9L * trade(1).size() + trade(10).size());
    link.drained();
    assertThat(link.written).hasSize(10);
    assertThat(link.writes).isEqualTo(1);
    assertThat(link.written.get(9)).contains("\"pubSeq\":10");
    settle();
    assertThat(outbox.unread()).isZero();
    assertThat(total.bytes).isZero();
  }

  @Test
  void aTradeThatWouldPassTheBoundIsRefusedAndTheReasonIsTheLastFrame() {
    ClientOutbox outbox = new ClientOutbox(vertx, link, total, 4_096, 1_024);
    int n = 0;
    ClientOutbox.Outcome outcome = ClientOutbox.Outcome.QUEUED;
    while (outcome == ClientOutbox.Outcome.QUEUED) {
      outcome = outbox.offer(trade(++n));
    }
    assertThat(outcome).isEqualTo(ClientOutbox.Outcome.TOO_SLOW);
    assertThat(n).isBetween(50, 150);
    outbox.finish(Delivery.control(Buffer.buffer("{\"type\":\"err\",\"message\":\"slow consumer: test\"}")), 1008, "slow");
    assertThat(outbox.offer(trade(n + 1))).isEqualTo(ClientOutbox.Outcome.CLOSED);
    settle();
    assertThat(link.written).as("the queue was dropped, the reason sent").hasSize(1);
    assertThat(link.written.get(0)).contains("slow consumer: test");
    assertThat(link.closedWith).isEqualTo("1008 slow");
    assertThat(total.bytes).isZero();
  }

  @Test
  void aClientThatKeepsUpGetsEverything() {
    ClientOutbox outbox = new ClientOutbox(vertx, link, total, 4_096, 1_024);
    for (int n = 1; n <= 1_000; n++) {
      var unused = outbox.offer(n % 2 == 0 ? quote("Q", n) : trade(n));
      settle();
    }
    assertThat(link.written).hasSize(1_000);
    assertThat(outbox.conflated()).isZero();
    assertThat(total.bytes).isZero();
  }
}
