package io.tickmesh.api.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One bridge client, whatever its transport: the frames it may send ({@code register} and
 * {@code unregister} an output address, {@code send} a {@code snapshot.quote} request with a reply
 * address, {@code ping}), its subscriptions, and its {@link ClientOutbox}. A frame it may not send gets a
 * refusal naming the problem and the session goes on; the hundredth refusal, a frame the transport
 * could not cut out, or a client too slow for its bounds ends it, with the reason as its last frame.
 *
 * <p>Threading: owned by its bridge's context, like everything of its {@link BridgeHub}.
 */
final class BridgeSession {
  /** Refused frames after which a client is taken for broken and disconnected. */
  static final int MAX_REFUSED_FRAMES = 100;
  /** Snapshot requests one client may have waiting for their answer. */
  static final int MAX_PENDING_REQUESTS = 16;
  /** Longer than the snapshot's own wait for its shard, so a slow shard comes back as its 503, not as a timeout here. */
  private static final long REQUEST_TIMEOUT_MS = 6_000;
  private static final Pattern REPLY_ADDRESS = Pattern.compile("[A-Za-z0-9._:/@-]{1,64}");

  private final BridgeHub hub;
  private final ClientLink link;
  private final ClientOutbox outbox;
  private final Set<String> subscriptions = new HashSet<>();
  private long lastFrameNanos = System.nanoTime();
  private int refused;
  private boolean refusalLogged;
  private int pendingRequests;
  private boolean ended;
  private boolean disconnected;

  BridgeSession(BridgeHub hub, ClientLink link) {
    this.hub = hub;
    this.link = link;
    this.outbox = hub.outboxFor(link);
  }

  ClientOutbox outbox() {
    return outbox;
  }

  String describe() {
    return link.describe();
  }

  long lastFrameNanos() {
    return lastFrameNanos;
  }

  int subscriptions() {
    return subscriptions.size();
  }

  /** True the first time it is asked: the client's first refusal is the one logged at WARN. */
  boolean firstRefusal() {
    boolean first = !refusalLogged;
    refusalLogged = true;
    return first;
  }

  /** One frame from the client, as the transport cut it out: its JSON text. */
  void onFrame(Buffer frame) {
    if (ended) {
      return;
    }
    lastFrameNanos = System.nanoTime();
    ClientFrame f = ClientFrame.read(frame);
    if (f.refusal() != null) {
      refuse(f.refusal());
    } else {
      dispatch(f.type(), f.address(), f.msg());
    }
  }

  private void dispatch(String type, String address, JsonObject msg) {
    switch (type) {
      case "ping" -> {
        Buffer pong = hub.dialect().pong();
        if (pong != null) {
          control(pong);
        }
      }
      case "register" -> register(address);
      case "unregister" -> unregister(address);
      case "send" -> send(address, msg);
      case "publish" -> refuse("access_denied: clients may not publish (address " + shorten(address) + ")");
      default -> refuse("unknown_type: expected register, unregister, send or ping");
    }
  }

  private void register(String address) {
    if (!BridgeAddresses.outbound(address)) {
      refuse("access_denied: " + shorten(address)
          + " is not an output address (quotes.<SYM>, trades.<SYM>, bars.<interval>.<SYM>, book.<SYM>, rejects)");
    } else if (subscriptions.contains(address)) {
      refuse("address_already_registered: " + address);
    } else if (subscriptions.size() >= hub.limits().maxSubscriptions()) {
      refuse("too_many_subscriptions: at most " + hub.limits().maxSubscriptions() + " (bridge.maxSubscriptions)");
    } else {
      subscriptions.add(address);
      hub.fanout().subscribe(address, this);
    }
  }

  private void unregister(String address) {
    if (address == null || !subscriptions.remove(address)) {
      refuse("unknown_address: not registered: " + shorten(address));
    } else {
      hub.fanout().unsubscribe(address, this);
    }
  }

  private void send(String address, JsonObject msg) {
    Object reply = msg.getValue("replyAddress");
    String replyAddress = reply instanceof String r && REPLY_ADDRESS.matcher(r).matches() ? r : null;
    if (!BridgeAddresses.inbound(address)) {
      refuse("access_denied: clients may send only to snapshot.quote, not to " + shorten(address));
    } else if (replyAddress == null) {
      refuse("missing_reply_address: snapshot.quote is a request; give a replyAddress of 1 to 64 of A-Z a-z 0-9 . _ : / @ -");
    } else if (pendingRequests >= MAX_PENDING_REQUESTS) {
      refuse("too_many_requests: at most " + MAX_PENDING_REQUESTS + " snapshot requests waiting for their answer");
    } else {
      pendingRequests++;
      hub.bus().<Object>request(address, msg.getValue("body"), new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS))
          .onComplete(ar -> {
            pendingRequests--;
            if (ar.succeeded()) {
              control(hub.dialect().reply(replyAddress, ar.result().body()));
            } else {
              ReplyException r = ar.cause() instanceof ReplyException x ? x : null;
              control(hub.dialect().replyFailure(replyAddress, address, r == null ? 500 : r.failureCode(),
                  r == null ? "RECIPIENT_FAILURE" : r.failureType().name(), ar.cause().getMessage()));
            }
          });
    }
  }

  /** Refuses a frame: the client is told why, the bridge logs it (rate-limited), the session goes on. */
  private void refuse(String reason) {
    refused++;
    hub.errors().refused(this, reason);
    if (refused >= MAX_REFUSED_FRAMES) {
      end("too_many_refused_frames: " + refused + " frames refused, the last: " + reason, BridgeHub.Ending.PROTOCOL);
    } else {
      control(hub.dialect().error(reason));
    }
  }

  /** A pong, refusal or reply: bounded like the outputs, and cutting off a client that never reads them. */
  private void control(Buffer frame) {
    if (!ended && outbox.offer(Delivery.control(frame)) == ClientOutbox.Outcome.TOO_SLOW) {
      tooSlow(frame.length(), "a reply");
    }
  }

  /** The transport met a frame it cannot take (too long, bad length): the client is told, then closed. */
  void fatal(String reason, BridgeHub.Ending why) {
    end(reason, why);
  }

  /** A frame to this client would take it past {@code bridge.maxQueueBytes}. */
  void tooSlow(int size, String what) {
    end("slow consumer: " + outbox.unread() + " bytes not yet read, and " + what + " (" + size
        + " bytes) would pass bridge.maxQueueBytes=" + hub.limits().maxQueueBytes()
        + "; trades, bars and rejects are never dropped, so the connection is closed", BridgeHub.Ending.SLOW);
  }

  /** Ends the session for {@code why}: the reason goes out as the last frame, then the connection closes. */
  void end(String reason, BridgeHub.Ending why) {
    if (ended) {
      return;
    }
    leave();
    hub.ended(this, why, reason);
    outbox.finish(Delivery.control(hub.dialect().error(reason)), why.closeCode, reason);
  }

  /** The connection is closed (either side): subscriptions end, nothing more is sent. */
  void ended() {
    if (!ended) {
      leave();
      outbox.closed();
    }
    if (!disconnected) {
      disconnected = true;
      hub.disconnected(this);
    }
  }

  private void leave() {
    ended = true;
    for (String address : subscriptions) {
      hub.fanout().unsubscribe(address, this);
    }
    subscriptions.clear();
    hub.gone(this);
  }

  static String shorten(String address) {
    return address == null ? "(none)" : address.length() > 80 ? address.substring(0, 80) + "..." : address;
  }
}
