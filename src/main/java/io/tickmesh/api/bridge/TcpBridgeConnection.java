package io.tickmesh.api.bridge;

import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP bridge client. Inbound frames: {@code register} / {@code unregister} an output address,
 * {@code send} a request to {@code snapshot.quote} (with a {@code replyAddress}), {@code ping}. Anything
 * else, any other address, a frame that is not a JSON object or longer than 64 KiB gets an {@code err}
 * frame naming the problem; the connection goes on, except after an oversized frame.
 *
 * <p>Threading: everything runs on the bridge verticle's event loop.
 */
final class TcpBridgeConnection implements ClientLink {
  private static final Logger LOG = LoggerFactory.getLogger(TcpBridgeConnection.class);
  private static final int MAX_FRAME_BYTES = 65_536;
  private static final long REQUEST_TIMEOUT_MS = 5_000;
  private static final long CLOSE_GRACE_MS = 10_000;

  private final io.vertx.core.Vertx vertx;
  private final EventBus bus;
  private final NetSocket socket;
  private final TickmeshConfig.Bridge limits;
  private final ClientOutbox outbox;
  private final Map<String, MessageConsumer<Object>> subscriptions = new HashMap<>();
  private final RecordParser parser = RecordParser.newFixed(4);
  private int frameLength = -1;

  TcpBridgeConnection(io.vertx.core.Vertx vertx, NetSocket socket, TickmeshConfig.Bridge limits) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.socket = socket;
    this.limits = limits;
    this.outbox = new ClientOutbox(this, limits.maxQueueBytes(), limits.conflateBytes());
  }

  void start() {
    parser.handler(this::onRecord);
    socket.handler(parser);
    socket.closeHandler(v -> ended());
    socket.exceptionHandler(e -> LOG.atDebug().addKeyValue("client", describe()).log("bridge connection failed: {}", e.toString()));
    LOG.atDebug().addKeyValue("client", describe()).log("bridge client connected");
  }

  /** Alternates between the 4-byte length and the frame it announces. */
  private void onRecord(Buffer record) {
    if (frameLength < 0) {
      int length = record.getInt(0);
      if (length <= 0 || length > MAX_FRAME_BYTES) {
        close("frame of " + length + " bytes: frames are 1 to " + MAX_FRAME_BYTES + " bytes of JSON");
        return;
      }
      frameLength = length;
      parser.fixedSizeMode(length);
    } else {
      frameLength = -1;
      parser.fixedSizeMode(4);
      onFrame(record);
    }
  }

  private void onFrame(Buffer frame) {
    JsonObject msg;
    try {
      msg = new JsonObject(frame);
    } catch (DecodeException | ClassCastException e) {
      error("invalid_json: a frame must be a JSON object");
      return;
    }
    String type = msg.getValue("type") instanceof String t ? t : "";
    String address = msg.getValue("address") instanceof String a ? a : null;
    switch (type) {
      case "ping" -> writeFrame(new JsonObject().put("type", "pong"));
      case "register" -> register(address);
      case "unregister" -> unregister(address);
      case "send" -> send(address, msg);
      case "publish" -> error("access_denied: clients may not publish (address " + shorten(address) + ")");
      default -> error("unknown_type: expected register, unregister, send or ping");
    }
  }

  private void register(String address) {
    if (!BridgeAddresses.outbound(address)) {
      error("access_denied: " + shorten(address) + " is not an output address (quotes.<SYM>, trades.<SYM>, bars.<interval>.<SYM>, rejects)");
    } else if (subscriptions.containsKey(address)) {
      error("address_already_registered: " + address);
    } else if (subscriptions.size() >= limits.maxSubscriptions()) {
      error("too_many_subscriptions: at most " + limits.maxSubscriptions() + " (bridge.maxSubscriptions)");
    } else {
      subscriptions.put(address, bus.consumer(address, m -> outbox.deliver(address, m.body())));
    }
  }

  private void unregister(String address) {
    MessageConsumer<Object> consumer = address == null ? null : subscriptions.remove(address);
    if (consumer == null) {
      error("unknown_address: not registered: " + shorten(address));
    } else {
      var unused = consumer.unregister();
    }
  }

  private void send(String address, JsonObject msg) {
    String replyAddress = msg.getValue("replyAddress") instanceof String r && r.length() <= 64 ? r : null;
    if (!BridgeAddresses.inbound(address)) {
      error("access_denied: clients may send only to snapshot.quote, not to " + shorten(address));
    } else if (replyAddress == null) {
      error("missing_reply_address: snapshot.quote is a request; give a replyAddress of at most 64 characters");
    } else {
      bus.<Object>request(address, msg.getValue("body"), new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS))
          .onSuccess(reply -> writeFrame(new JsonObject().put("type", "message").put("address", replyAddress)
              .put("send", true).put("body", reply.body())))
          .onFailure(e -> writeFrame(replyFailure(address, replyAddress, e)));
    }
  }

  private static JsonObject replyFailure(String address, String replyAddress, Throwable e) {
    ReplyException r = e instanceof ReplyException x ? x : null;
    return new JsonObject().put("type", "err").put("address", replyAddress).put("sourceAddress", address)
        .put("failureCode", r == null ? 500 : r.failureCode())
        .put("failureType", r == null ? "RECIPIENT_FAILURE" : r.failureType().name())
        .put("message", e.getMessage());
  }

  private void error(String message) {
    LOG.atDebug().addKeyValue("client", describe()).log("bridge request refused: {}", message);
    writeFrame(new JsonObject().put("type", "err").put("message", message));
  }

  /** A control frame (pong, err, reply): a failed write means the connection is gone, which closeHandler handles. */
  private void writeFrame(JsonObject frame) {
    Buffer json = frame.toBuffer();
    var unused = socket.write(Buffer.buffer(json.length() + 4).appendInt(json.length()).appendBuffer(json));
  }

  @Override
  public Future<Void> write(String address, Buffer body) {
    Buffer head = Buffer.buffer("{\"type\":\"message\",\"address\":\"" + address + "\",\"send\":false,\"body\":");
    int length = head.length() + body.length() + 1;
    return socket.write(Buffer.buffer(length + 4).appendInt(length).appendBuffer(head).appendBuffer(body).appendByte((byte) '}'));
  }

  /**
   * The reason goes out as the last frame, behind everything the client has not read yet; the socket
   * closes once it has left, or after {@link #CLOSE_GRACE_MS} if the client never reads again. Nothing
   * more is queued meanwhile, so the bound holds.
   */
  @Override
  public void close(String reason) {
    ended();
    Buffer json = new JsonObject().put("type", "err").put("message", reason).toBuffer();
    Future<Void> sent = socket.write(Buffer.buffer(json.length() + 4).appendInt(json.length()).appendBuffer(json));
    long timer = vertx.setTimer(CLOSE_GRACE_MS, id -> {
      var closing = socket.close();
    });
    sent.onComplete(ar -> {
      var unusedCancel = vertx.cancelTimer(timer);
      var closing = socket.close();
    });
  }

  private void ended() {
    outbox.closed();
    subscriptions.values().forEach(c -> {
      var unused = c.unregister();
    });
    subscriptions.clear();
  }

  @Override
  public String describe() {
    return "tcp-bridge " + socket.remoteAddress();
  }

  private static String shorten(String address) {
    return address == null ? "(none)" : address.length() > 80 ? address.substring(0, 80) + "..." : address;
  }
}
