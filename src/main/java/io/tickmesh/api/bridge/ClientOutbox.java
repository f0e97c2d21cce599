package io.tickmesh.api.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded write queue of one bridge client. Every message is written at once while the bytes the
 * client has not yet taken stay under {@code conflateBytes}. Above that, a quote is held back instead,
 * one per address, the latest replacing the older (a quote is a whole state, so only the newest matters);
 * held quotes go out as the client catches up. Trades, bars and rejects cannot be conflated: one that
 * would take the unread bytes past {@code maxQueueBytes} disconnects the client with that reason. So a
 * client costs the node at most about {@code maxQueueBytes} plus one quote per subscribed symbol, and the
 * pipeline never waits for it.
 *
 * <p>Threading: owned by the context of the connection; every method runs there, write completions too.
 */
final class ClientOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(ClientOutbox.class);

  private final ClientLink link;
  private final int maxQueueBytes;
  private final int conflateBytes;
  private final Map<String, JsonObject> heldQuotes = new LinkedHashMap<>();
  private long unreadBytes;
  private long delivered;
  private long conflated;
  private boolean closed;

  ClientOutbox(ClientLink link, int maxQueueBytes, int conflateBytes) {
    this.link = link;
    this.maxQueueBytes = maxQueueBytes;
    this.conflateBytes = conflateBytes;
  }

  /** A message published on {@code address} for this client. */
  void deliver(String address, Object body) {
    if (closed) {
      return;
    }
    if (address.startsWith("quotes.") && body instanceof JsonObject quote && unreadBytes >= conflateBytes) {
      if (heldQuotes.put(address, quote) != null) {
        conflated++;
      }
      return;
    }
    Buffer json = Json.encodeToBuffer(body);
    if (unreadBytes + sizeOf(address, json) > maxQueueBytes) {
      disconnect(address, sizeOf(address, json));
      return;
    }
    write(address, json);
  }

  /** The bytes a message takes on the wire, its envelope included, close enough for accounting. */
  private static int sizeOf(String address, Buffer json) {
    return json.length() + address.length() + 48;
  }

  private void write(String address, Buffer json) {
    int size = sizeOf(address, json);
    unreadBytes += size;
    delivered++;
    link.write(address, json).onComplete(ar -> {
      unreadBytes -= size;
      releaseHeldQuotes();
    });
  }

  /** Sends held quotes, oldest address first, while the client keeps up. */
  private void releaseHeldQuotes() {
    Iterator<Map.Entry<String, JsonObject>> held = heldQuotes.entrySet().iterator();
    while (!closed && held.hasNext() && unreadBytes < conflateBytes) {
      Map.Entry<String, JsonObject> next = held.next();
      held.remove();
      write(next.getKey(), next.getValue().toBuffer());
    }
  }

  private void disconnect(String address, int size) {
    closed = true;
    heldQuotes.clear();
    String reason = "slow consumer: " + unreadBytes + " bytes not yet read, and a message on " + address
        + " (" + size + " bytes) would pass bridge.maxQueueBytes=" + maxQueueBytes
        + "; trades, bars and rejects are never dropped, so the connection is closed";
    LOG.atWarn()
        .addKeyValue("client", link.describe())
        .addKeyValue("unreadBytes", unreadBytes)
        .addKeyValue("delivered", delivered)
        .addKeyValue("conflated", conflated)
        .log("bridge client disconnected: {}", reason);
    link.close(reason);
  }

  /** The connection ended (either side): nothing more is sent. */
  void closed() {
    closed = true;
    heldQuotes.clear();
  }

  boolean isClosed() {
    return closed;
  }

  long conflated() {
    return conflated;
  }
}
