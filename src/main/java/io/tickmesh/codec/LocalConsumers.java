package io.tickmesh.codec;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.impl.EventBusImpl;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an address has a consumer registered on this node now: the very question Vert.x asks when it
 * delivers a message published on this node. A publisher that asks first can skip building a message that
 * Vert.x would hand to no one (a message, a delivery context, a failed future, two metric updates, for
 * each trade of a symbol nobody follows). A consumer registered later gets the messages published after
 * its registration, exactly as without the question.
 *
 * <p>Vert.x has no public call for it, so this reads the event bus's own handler map (a concurrent map,
 * keyed by address, whose entries Vert.x removes with their last consumer), found once by reflection. If
 * it cannot be read (another event bus, another Vert.x), every address counts as listened to, which is the
 * behaviour without this class. It must be a {@link ConcurrentHashMap}, whose lookups compare the key asked
 * with the keys held as {@code Map.containsKey} says ({@code Objects.equals(asked, held)}), so that an
 * {@link AddressProbe} can be asked instead of a string; any other map counts every address as listened
 * to too. Only local registrations are seen: consumers on other nodes get a node's
 * outputs through its relay, not from this publish.
 *
 * <p>Threading: the map is Vert.x's and safe to read from any thread; an instance holds no state of its own.
 */
public final class LocalConsumers {
  private static final Logger LOG = LoggerFactory.getLogger(LocalConsumers.class);

  private final Map<?, ?> handlers;

  private LocalConsumers(Map<?, ?> handlers) {
    this.handlers = handlers;
  }

  /** The consumers registered on {@code bus}; if they cannot be seen, every address counts as listened to. */
  public static LocalConsumers of(EventBus bus) {
    if (!(bus instanceof EventBusImpl)) {
      return new LocalConsumers(null);
    }
    try {
      Field field = EventBusImpl.class.getDeclaredField("handlerMap");
      field.setAccessible(true);
      Object handlers = field.get(bus);
      if (!(handlers instanceof ConcurrentHashMap<?, ?> map)) {
        throw new IllegalStateException("the handler map is a " + (handlers == null ? null : handlers.getClass().getName()));
      }
      return new LocalConsumers(map);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.atWarn().log("cannot see the event bus's consumers ({}): every output is published, listened to or not", e.toString());
      return new LocalConsumers(null);
    }
  }

  /** True if a consumer of the address {@code probe} stands for is registered on this node now (or if that cannot be known). */
  public boolean any(AddressProbe probe) {
    return handlers == null || handlers.containsKey(probe);
  }
}
