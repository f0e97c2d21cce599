package io.tickmesh.api;

import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.JsonViews;
import io.tickmesh.model.Instrument;
import io.tickmesh.model.Instruments;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code GET} and {@code PUT /api/v1/instruments/{sym}}: the node's copy of the instrument master, asked of
 * its {@code InstrumentMasterVerticle}. Threading: the API verticle's event loop.
 */
final class InstrumentRoutes {
  private static final DeliveryOptions WITHIN = new DeliveryOptions().setSendTimeout(ShardClient.TIMEOUT_MS);
  private final Vertx vertx;
  private final Replies replies;

  InstrumentRoutes(Vertx vertx, Replies replies) {
    this.vertx = vertx;
    this.replies = replies;
  }

  void get(RoutingContext ctx) {
    String sym = QueryParams.symbol(ctx.pathParam("sym"));
    var unusedParams = new QueryParams(ctx.queryParams(), Set.of());
    replies.answer(ctx, vertx.eventBus().<Instruments>request(Addresses.INSTRUMENTS_CURRENT, null, WITHIN).map(m -> {
      Instrument i = m.body().get(sym);
      if (i == null) {
        throw new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 404, sym + " is not in the instrument master");
      }
      return JsonViews.instrument(i);
    }));
  }

  void put(RoutingContext ctx) {
    String sym = QueryParams.symbol(ctx.pathParam("sym"));
    var unusedParams = new QueryParams(ctx.queryParams(), Set.of());
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new BadRequestException("bad body", "the body must be a JSON object: " + e.getMessage());
    }
    if (body == null) {
      throw new BadRequestException("bad body", "a JSON object defining the instrument is required");
    }
    Object named = body.getValue("symbol");
    if (named != null && !sym.equals(named)) {
      throw new BadRequestException("bad body", "symbol " + named + " in the body is not " + sym + " of the path");
    }
    replies.answer(ctx, vertx.eventBus().<JsonObject>request(Addresses.INSTRUMENTS_PUT, body.copy().put("symbol", sym), WITHIN)
        .map(Message::body));
  }
}
