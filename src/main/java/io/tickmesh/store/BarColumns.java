package io.tickmesh.store;

import io.tickmesh.model.Bar;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.InvalidValueException;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.Collection;

/**
 * Bars as column arrays for one UNNEST insert. Prices travel as scaled longs, as a trade's do (a bar's
 * prices and VWAP are built from them); its volume too, but as exact text if that 128-bit sum does not
 * fit a long. Text for every decimal was about a quarter of the node's event-loop CPU under {@code bench}
 * with the store on (stripping zeros, formatting, encoding UTF-8).
 */
final class BarColumns {
  private final String[] symbol;
  private final String[] interval;
  private final Long[] start;
  private final Long[] open;
  private final Long[] high;
  private final Long[] low;
  private final Long[] close;
  private final Long[] volume;
  private final String[] bigVolume;
  private final Long[] vwap;
  private final Long[] trades;
  private final Integer[] revision;

  BarColumns(Collection<Bar> bars) {
    int n = bars.size();
    symbol = new String[n];
    interval = new String[n];
    start = new Long[n];
    open = new Long[n];
    high = new Long[n];
    low = new Long[n];
    close = new Long[n];
    volume = new Long[n];
    bigVolume = new String[n];
    vwap = new Long[n];
    trades = new Long[n];
    revision = new Integer[n];
    int i = 0;
    for (Bar b : bars) {
      symbol[i] = b.symbol();
      interval[i] = b.interval().label();
      start[i] = b.start();
      open[i] = Decimals.fromBigDecimal(b.open());
      high[i] = Decimals.fromBigDecimal(b.high());
      low[i] = Decimals.fromBigDecimal(b.low());
      close[i] = Decimals.fromBigDecimal(b.close());
      volume[i] = scaledOrNull(b.volume());
      bigVolume[i] = volume[i] == null ? b.volume().toPlainString() : null; // its own scale: eight places
      vwap[i] = Decimals.fromBigDecimal(b.vwap());
      trades[i] = b.trades();
      revision[i] = b.revision();
      i++;
    }
  }

  /** The columns in the order of {@code FlushStatements}' bar statements: $1 to $12. */
  Tuple tuple() {
    return Tuple.of(symbol, interval, start, open, high, low, close, volume, bigVolume, vwap, trades, revision);
  }

  private static Long scaledOrNull(BigDecimal value) {
    try {
      return Decimals.fromBigDecimal(value);
    } catch (InvalidValueException e) {
      return null; // beyond a long at eight places: sent as text
    }
  }
}
