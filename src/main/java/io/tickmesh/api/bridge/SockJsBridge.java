package io.tickmesh.api.bridge;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The SockJS event-bus bridge for browsers, mounted at {@code /eventbus} on the HTTP port. vertx-web
 * speaks the protocol (clients: npm {@code @vertx/eventbus-bridge-client.js}) and enforces the
 * permissions of {@link BridgeAddresses}; this class takes over the outbound writes so each socket goes
 * through a {@link ClientOutbox}, as on the TCP bridge.
 *
 * <p>Threading: bridge events and the socket map are on the HTTP server's event loop (the API verticle).
 */
public final class SockJsBridge {
  private final TickmeshConfig.Bridge limits;
  private final Map<SockJSSocket, ClientOutbox> outboxes = new HashMap<>();

  private SockJsBridge(TickmeshConfig.Bridge limits) {
    this.limits = limits;
  }

  /** The router to mount as a sub-router at {@code /eventbus/*}. */
  public static Router router(Vertx vertx, TickmeshConfig.Bridge limits) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(BridgeAddresses.OUTBOUND_REGEX))
        .addInboundPermitted(new PermittedOptions().setAddress(Addresses.SNAPSHOT_QUOTE))
        .setMaxHandlersPerSocket(limits.maxSubscriptions())
        .setMaxAddressLength(BridgeAddresses.MAX_ADDRESS_LENGTH)
        .setReplyTimeout(10_000);
    return SockJSHandler.create(vertx).bridge(options, new SockJsBridge(limits)::onEvent);
  }

  private void onEvent(BridgeEvent event) {
    SockJSSocket socket = event.socket();
    if (event.type() == BridgeEventType.SOCKET_CREATED) {
      outboxes.put(socket, new ClientOutbox(new Link(socket), limits.maxQueueBytes(), limits.conflateBytes()));
    } else if (event.type() == BridgeEventType.SOCKET_CLOSED) {
      ClientOutbox outbox = outboxes.remove(socket);
      if (outbox != null) {
        outbox.closed();
      }
    } else if (event.type() == BridgeEventType.RECEIVE) {
      JsonObject envelope = event.getRawMessage();
      String address = envelope.getString("address");
      ClientOutbox outbox = outboxes.get(socket);
      if (outbox != null && BridgeAddresses.outbound(address)) {
        outbox.deliver(address, envelope.getValue("body"));
        event.complete(false); // written by the outbox, not by the bridge
        return;
      }
    }
    event.complete(true);
  }

  /** Writes SockJS bridge frames ({@code type rec}) to one socket. */
  private record Link(SockJSSocket socket) implements ClientLink {
    @Override
    public Future<Void> write(String address, Buffer body) {
      Buffer head = Buffer.buffer("{\"type\":\"rec\",\"address\":\"" + address + "\",\"body\":");
      return socket.write(Buffer.buffer(head.length() + body.length() + 1).appendBuffer(head).appendBuffer(body).appendByte((byte) '}'));
    }

    @Override
    public void close(String reason) {
      var unused = socket.write(new JsonObject().put("type", "err").put("body", reason).toBuffer());
      socket.close(4000, reason.length() > 120 ? reason.substring(0, 120) : reason);
    }

    @Override
    public String describe() {
      return "sockjs " + socket.remoteAddress();
    }
  }
}
