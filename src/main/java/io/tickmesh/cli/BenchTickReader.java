package io.tickmesh.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickmesh.feed.CharSlice;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import io.tickmesh.model.Timestamps;
import io.tickmesh.model.TradeTick;
import java.io.IOException;

/**
 * Reads one line of {@code tickmesh bench} into a {@code TradeTick} or {@code QuoteTick} the plain way:
 * Jackson's streaming parser, decimals and ts read from their text (never through {@code double}), no
 * validation beyond what the records do. The single-thread baseline reads with it, and so does the Flink
 * peer (peers/flink compiles this file from the node's sources): both sides do the same parsing work.
 * Not thread-safe: one per thread.
 */
public final class BenchTickReader {
  private static final JsonFactory JSON = new JsonFactory();

  private final CharSlice text = new CharSlice();

  /** The tick of {@code line}; fails on a field it does not know or a value it cannot read exactly. */
  public Tick read(byte[] line) throws IOException {
    String feed = null;
    String sym = null;
    boolean trade = false;
    long seq = 0;
    long ts = 0;
    long px = 0;
    long qty = 0;
    long bid = 0;
    long bidQty = 0;
    long ask = 0;
    long askQty = 0;
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "feed" -> feed = p.getText();
          case "seq" -> seq = p.getLongValue();
          case "sym" -> sym = p.getText();
          case "ts" -> ts = Timestamps.parse(text(p));
          case "type" -> trade = "trade".contentEquals(text(p));
          case "px" -> px = Decimals.parse(text(p));
          case "qty" -> qty = Decimals.parse(text(p));
          case "bid" -> bid = Decimals.parse(text(p));
          case "bidQty" -> bidQty = Decimals.parse(text(p));
          case "ask" -> ask = Decimals.parse(text(p));
          case "askQty" -> askQty = Decimals.parse(text(p));
          default -> throw new IOException("unknown field " + name);
        }
      }
    }
    return trade
        ? new TradeTick(feed, seq, sym, ts, px, qty)
        : new QuoteTick(feed, seq, sym, ts, bid, bidQty, ask, askQty);
  }

  private CharSlice text(JsonParser p) throws IOException {
    return text.set(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
  }
}
