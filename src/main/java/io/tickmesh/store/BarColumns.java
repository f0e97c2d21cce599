package io.tickmesh.store;

import io.tickmesh.codec.JsonViews;
import io.tickmesh.model.Bar;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;

/** Bars as column arrays for one UNNEST insert; decimals travel as exact text. */
final class BarColumns {
  private final String[] symbol;
  private final String[] interval;
  private final Long[] start;
  private final String[] open;
  private final String[] high;
  private final String[] low;
  private final String[] close;
  private final String[] volume;
  private final String[] vwap;
  private final Long[] trades;
  private final Integer[] revision;

  BarColumns(Collection<Bar> bars) {
    int n = bars.size();
    symbol = new String[n];
    interval = new String[n];
    start = new Long[n];
    open = new String[n];
    high = new String[n];
    low = new String[n];
    close = new String[n];
    volume = new String[n];
    vwap = new String[n];
    trades = new Long[n];
    revision = new Integer[n];
    int i = 0;
    for (Bar b : bars) {
      symbol[i] = b.symbol();
      interval[i] = b.interval().label();
      start[i] = b.start();
      open[i] = JsonViews.text(b.open());
      high[i] = JsonViews.text(b.high());
      low[i] = JsonViews.text(b.low());
      close[i] = JsonViews.text(b.close());
      volume[i] = JsonViews.text(b.volume());
      vwap[i] = JsonViews.text(b.vwap());
      trades[i] = b.trades();
      revision[i] = b.revision();
      i++;
    }
  }

  Tuple tuple() {
    return Tuple.of(symbol, interval, start, open, high, low, close, volume, vwap, trades, revision);
  }
}
