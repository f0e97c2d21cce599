package io.tickmesh.feed;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The one JSON form of a book's depth, for the ITCH books and the venue books alike:
 * {@code {"symbol","feed","seq","ts","bids":[{"px","size","orders"}],"asks":[…]}}, best levels first,
 * decimals as strings, {@code orders} null where the venue does not count orders.
 */
public final class DepthJson {
  private DepthJson() {}

  /** The depth of {@code symbol}'s book, last changed at {@code tsNanos}, as of {@code seq} of {@code feed}. */
  public static JsonObject of(String symbol, String feed, long seq, long tsNanos, List<BookLevel> bids, List<BookLevel> asks) {
    return new JsonObject()
        .put("symbol", symbol)
        .put("feed", feed)
        .put("seq", seq)
        .put("ts", Timestamps.format(tsNanos))
        .put("bids", levels(bids))
        .put("asks", levels(asks));
  }

  private static JsonArray levels(List<BookLevel> levels) {
    JsonArray out = new JsonArray();
    for (BookLevel l : levels) {
      out.add(new JsonObject().put("px", Decimals.toText(l.px())).put("size", Decimals.toText(l.size()))
          .put("orders", l.orders() == 0 ? null : l.orders()));
    }
    return out;
  }
}
