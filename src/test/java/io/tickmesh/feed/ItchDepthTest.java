package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.feed.itch.ItchBooks;
import io.tickmesh.feed.itch.ItchChecks;
import io.tickmesh.feed.itch.ItchFramer;
import io.tickmesh.feed.itch.ItchReference;
import io.tickmesh.feed.itch.OrderBook;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ItchDepth} alone, over the ITCH fixture day applied to fresh books: each changed book goes out
 * on {@code book.<SYM>} once per publication however often it changed, with the reference's best levels;
 * nothing goes out while nothing changed; a request for the book answers the same body; stopping
 * publishes what changed last.
 */
@ExtendWith(VertxExtension.class)
class ItchDepthTest {
  private static final List<String> SYMBOLS = List.of("ALC", "BOB", "CHAR");
  private static final int DEPTH = 3;

  /** Applies the fixture day to {@code books}, each change told to {@code changed}. */
  private static void day(ItchBooks books, Consumer<OrderBook> changed) throws IOException {
    ItchBooks.Output out = new ItchBooks.Output() {
      @Override
      public void trade(long seq, String symbol, long tsNanos, long price, long shares) {}

      @Override
      public void bookChanged(OrderBook book) {
        changed.accept(book);
      }

      @Override
      public void quote(long seq, String symbol, long tsNanos, OrderBook.Top top) {}

      @Override
      public void reject(long seq, String reason) {}
    };
    byte[] bytes = Files.readAllBytes(ItchChecks.DAY);
    ItchFramer framer = new ItchFramer();
    framer.feed(bytes, 0, bytes.length, books.applying(out));
  }

  @Test
  void eachChangedBookGoesOutOncePerPublicationAsTheRequestAnswersIt(Vertx vertx, VertxTestContext ctx) throws Exception {
    ItchReference ref = ItchReference.of(ItchChecks.DAY);
    ItchBooks books = new ItchBooks(0);
    ItchDepth depth = new ItchDepth(vertx, TickmeshConfig.of(Map.of("itch.bookDepth", DEPTH)), books, ItchChecks.FEED, () -> 12_012L);
    Map<String, JsonObject> published = new ConcurrentHashMap<>();
    Checkpoint each = ctx.checkpoint(SYMBOLS.size());
    for (String symbol : SYMBOLS) {
      var unused = vertx.eventBus().<JsonObject>localConsumer("book." + symbol, m -> {
        if (published.put(symbol, m.body()) == null) {
          each.flag();
        } else {
          ctx.failNow(new AssertionError("a second message of " + symbol));
        }
      });
    }
    var answers = vertx.eventBus().<JsonObject>localConsumer("tm.itch.book", depth::answer);
    answers.completion().onComplete(ctx.succeeding(registered -> vertx.runOnContext(v -> {
      try {
        day(books, depth::changed);
      } catch (IOException e) {
        ctx.failNow(e);
        return;
      }
      depth.publishChanged();
      depth.publishChanged(); // nothing changed since: nothing goes out
    })));
    assertThat(ctx.awaitCompletion(30, TimeUnit.SECONDS)).isTrue();
    assertThat(depth.published()).isEqualTo(SYMBOLS.size());
    for (String symbol : SYMBOLS) {
      JsonObject body = published.get(symbol);
      assertThat(body.getString("symbol")).isEqualTo(symbol);
      assertThat(body.getString("feed")).isEqualTo(ItchChecks.FEED);
      assertThat(body.getLong("seq")).isEqualTo(12_012L);
      assertThat(ItchChecks.levels(body.getJsonArray("bids"))).as(symbol + " bids").isEqualTo(top(ref.book(symbol, true)));
      assertThat(ItchChecks.levels(body.getJsonArray("asks"))).as(symbol + " asks").isEqualTo(top(ref.book(symbol, false)));
      JsonObject answer = vertx.eventBus().<JsonObject>request("tm.itch.book", new JsonObject().put("symbol", symbol).put("depth", DEPTH))
          .toCompletionStage().toCompletableFuture().get().body();
      assertThat(answer).as("the GET answer of " + symbol).isEqualTo(body);
    }
  }

  @Test
  void stoppingPublishesTheLastChanges(Vertx vertx, VertxTestContext ctx) throws Exception {
    ItchBooks books = new ItchBooks(0);
    day(books, symbol -> {});
    ItchDepth depth = new ItchDepth(vertx, TickmeshConfig.defaults(), books, "f", () -> 1L);
    Promise<JsonObject> got = Promise.promise();
    var consumer = vertx.eventBus().<JsonObject>localConsumer("book.BOB", m -> got.tryComplete(m.body()));
    consumer.completion().onComplete(ctx.succeeding(v -> vertx.runOnContext(x -> {
      depth.start();
      depth.changed(books.book("BOB"));
      depth.stop();
      ctx.completeNow();
    })));
    JsonObject body = got.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(body.getJsonArray("bids")).hasSize(Math.min(10, books.book("BOB").levels(true, 1000).size()));
    assertThat(depth.published()).isEqualTo(1);
  }

  private static List<ItchReference.Level> top(List<ItchReference.Level> side) {
    return side.subList(0, Math.min(DEPTH, side.size()));
  }
}
