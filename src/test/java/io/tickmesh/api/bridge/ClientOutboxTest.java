package io.tickmesh.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-client write queue: conflated quotes while the client lags, a disconnect past the bound. */
class ClientOutboxTest {
  /** A client whose writes complete only when the test says it has read them. */
  private static final class SlowLink implements ClientLink {
    final List<String> written = new ArrayList<>();
    final List<Promise<Void>> unread = new ArrayList<>();
    String closedWith;

    @Override
    public Future<Void> write(String address, Buffer body) {
      written.add(address + " " + body);
      Promise<Void> read = Promise.promise();
      unread.add(read);
      return read.future();
    }

    @Override
    public void close(String reason) {
      closedWith = reason;
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
  }

  private static JsonObject quote(int n) {
    return new JsonObject().put("symbol", "Q").put("bid", String.valueOf(n)).put("pubSeq", n);
  }

  @Test
  void aLaggingClientGetsOnlyTheLatestQuoteOfEachSymbol() {
    SlowLink link = new SlowLink();
    ClientOutbox outbox = new ClientOutbox(link, 100_000, 1_024);
    for (int n = 1; n <= 100; n++) {
      outbox.deliver("quotes.Q", quote(n));
      outbox.deliver("quotes.R", quote(n));
    }
    int beforeCatchUp = link.written.size();
    assertThat(beforeCatchUp).as("written until the client lags by conflateBytes").isBetween(2, 40);
    link.readAll();
    assertThat(link.written).hasSize(beforeCatchUp + 2);
    assertThat(link.written.get(beforeCatchUp)).startsWith("quotes.Q ").contains("\"pubSeq\":100");
    assertThat(link.written.get(beforeCatchUp + 1)).startsWith("quotes.R ").contains("\"pubSeq\":100");
    assertThat(outbox.conflated()).isEqualTo(2L * (100 - beforeCatchUp / 2) - 2);
    assertThat(link.closedWith).isNull();
  }

  @Test
  void aTradeThatWouldPassTheBoundDisconnectsWithAReason() {
    SlowLink link = new SlowLink();
    ClientOutbox outbox = new ClientOutbox(link, 4_096, 1_024);
    int n = 0;
    while (link.closedWith == null && n < 1_000) {
      outbox.deliver("trades.T", new JsonObject().put("symbol", "T").put("px", "1.5").put("pubSeq", ++n));
    }
    assertThat(link.closedWith).startsWith("slow consumer:").contains("bridge.maxQueueBytes=4096");
    assertThat(outbox.isClosed()).isTrue();
    int written = link.written.size();
    outbox.deliver("trades.T", new JsonObject().put("pubSeq", n + 1));
    link.readAll();
    assertThat(link.written).as("nothing after the disconnect").hasSize(written);
    assertThat(written).isBetween(20, 60);
  }

  @Test
  void aClientThatKeepsUpGetsEverything() {
    SlowLink link = new SlowLink();
    ClientOutbox outbox = new ClientOutbox(link, 4_096, 1_024);
    for (int n = 1; n <= 1_000; n++) {
      outbox.deliver(n % 2 == 0 ? "quotes.Q" : "trades.T", quote(n));
      link.readAll();
    }
    assertThat(link.written).hasSize(1_000);
    assertThat(outbox.conflated()).isZero();
  }
}
