package io.tickmesh.feed;

/**
 * One price level of a book as every book goes out ({@code book.<SYM>}, {@code GET /api/v1/book/{sym}}):
 * {@code px} and {@code size} scaled by {@link io.tickmesh.model.Decimals}, and the orders resting there,
 * 0 where the venue does not say (price-level feeds give sizes only).
 */
public record BookLevel(long px, long size, int orders) {}
