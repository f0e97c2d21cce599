package io.tickmesh.model;

import java.math.BigDecimal;

/**
 * The live view of one symbol: top of book, last trade, and the session (UTC day) volume, VWAP and trade
 * count. Fields with no data yet (no quote seen, no trade today) are null.
 */
public record Quote(
    String symbol,
    long ts,
    BigDecimal bid,
    BigDecimal bidQty,
    BigDecimal ask,
    BigDecimal askQty,
    BigDecimal last,
    BigDecimal lastQty,
    Long lastTs,
    BigDecimal volume,
    BigDecimal vwap,
    long trades) {}
