package io.tickmesh.store;

import io.tickmesh.model.TradeTick;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** Trades as column arrays for one UNNEST insert; prices and quantities stay scaled longs. */
final class TradeColumns {
  private final String[] symbol;
  private final Long[] ts;
  private final String[] feed;
  private final Long[] seq;
  private final Long[] px;
  private final Long[] qty;

  TradeColumns(List<TradeTick> trades) {
    int n = trades.size();
    symbol = new String[n];
    ts = new Long[n];
    feed = new String[n];
    seq = new Long[n];
    px = new Long[n];
    qty = new Long[n];
    for (int i = 0; i < n; i++) {
      TradeTick t = trades.get(i);
      symbol[i] = t.symbol();
      ts[i] = t.ts();
      feed[i] = t.feed();
      seq[i] = t.seq();
      px[i] = t.px();
      qty[i] = t.qty();
    }
  }

  Tuple tuple() {
    return Tuple.of(symbol, ts, feed, seq, px, qty);
  }
}
