package io.tickmesh.api.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.tickmesh.codec.Addresses;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outputs a bridge's clients subscribe to: one node-local consumer per address, however many clients
 * want it, feeding each subscriber's {@link ClientOutbox}. A published message therefore reaches the
 * bridge once, becomes one frame in the bridge's {@link Dialect}, and is offered to every subscriber's
 * bounded outbox; nothing is queued for a client before its bound is applied, and the event bus holds no
 * message per subscriber. (With a consumer per client and address, a hundred clients that did not read
 * left hundreds of thousands of messages queued on the event loop before any bound applied.)
 *
 * <p>Threading: owned by its bridge's context; the consumers are registered there, so deliveries arrive
 * there too.
 */
final class Fanout {
  private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);
  private static final BridgeSession[] NONE = new BridgeSession[0];

  /** The subscribers of one address: an array copied on change, so a delivery may cut one off mid-loop. */
  private static final class Audience {
    final MessageConsumer<Object> consumer;
    BridgeSession[] members = NONE;

    Audience(MessageConsumer<Object> consumer) {
      this.consumer = consumer;
    }
  }

  private final EventBus bus;
  private final Dialect dialect;
  private final boolean tellRelay;
  private final Map<String, Audience> audiences = new HashMap<>();
  private long subscriptions;
  private long messages;

  /** {@code tellRelay}: in a cluster, the node's relay learns each address that gains or loses its last subscriber. */
  Fanout(EventBus bus, Dialect dialect, boolean tellRelay) {
    this.bus = bus;
    this.dialect = dialect;
    this.tellRelay = tellRelay;
  }

  private void interest(String address, int delta) {
    if (tellRelay) {
      bus.send(Addresses.RELAY_INTEREST, new JsonObject().put("address", address).put("delta", delta));
    }
  }

  /** {@code session} subscribes to {@code address} (the session checked the address and its own bounds). */
  void subscribe(String address, BridgeSession session) {
    Audience audience = audiences.get(address);
    if (audience == null) {
      audience = new Audience(bus.localConsumer(address, m -> deliver(address, m)));
      audiences.put(address, audience);
      interest(address, 1);
    }
    BridgeSession[] members = Arrays.copyOf(audience.members, audience.members.length + 1);
    members[members.length - 1] = session;
    audience.members = members;
    subscriptions++;
  }

  /** {@code session} leaves {@code address}; the consumer goes with the last subscriber. */
  void unsubscribe(String address, BridgeSession session) {
    Audience audience = audiences.get(address);
    if (audience == null) {
      return;
    }
    BridgeSession[] old = audience.members;
    int at = Arrays.asList(old).indexOf(session);
    if (at < 0) {
      return;
    }
    subscriptions--;
    if (old.length == 1) {
      audiences.remove(address);
      interest(address, -1);
      audience.consumer.unregister().onFailure(e -> LOG.atWarn().addKeyValue("address", address)
          .log("bridge consumer not unregistered: {}", e.getMessage()));
      return;
    }
    BridgeSession[] members = new BridgeSession[old.length - 1];
    System.arraycopy(old, 0, members, 0, at);
    System.arraycopy(old, at + 1, members, at, old.length - at - 1);
    audience.members = members;
  }

  private void deliver(String address, Message<Object> message) {
    Audience audience = audiences.get(address);
    if (audience == null) {
      return; // the last subscriber left while this message was on its way
    }
    messages++;
    Buffer body = Json.encodeToBuffer(message.body());
    Delivery d = new Delivery(address, dialect.message(address, body), BridgeAddresses.wholeState(address));
    for (BridgeSession session : audience.members) {
      if (session.outbox().offer(d) == ClientOutbox.Outcome.TOO_SLOW) {
        session.tooSlow(d.size(), "a message on " + address);
      }
    }
  }

  /** Addresses with at least one subscriber (one consumer each). */
  int addresses() {
    return audiences.size();
  }

  /** Subscriptions of all clients. */
  long subscriptions() {
    return subscriptions;
  }

  /** Messages received for the clients since start. */
  long messages() {
    return messages;
  }
}
