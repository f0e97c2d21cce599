package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

/**
 * Listens for publishers on the TCP JSON-lines feed port. Several instances share the port (Vert.x
 * spreads connections over them); each owns the connections it accepted and their counters, in a
 * {@link FeedListener} named {@code tcp.<i>}: its addresses, what it consumes and sends are there.
 *
 * <p>Owns: the server and its listener. Threading: everything runs on this verticle's event loop.
 */
public final class TcpFeedVerticle extends VerticleBase {
  private final TickmeshConfig config;
  private final int instance;
  private final int port;
  private final String idPrefix;
  private FeedListener listener;
  private NetServer server;

  /** Instance {@code instance} listening on {@code port} (0 = any); feed ids start with {@code idPrefix}. */
  public TcpFeedVerticle(TickmeshConfig config, int instance, int port, String idPrefix) {
    this.config = config;
    this.instance = instance;
    this.port = port;
    this.idPrefix = idPrefix;
  }

  @Override
  public Future<?> start() {
    listener = new FeedListener(vertx, config, Addresses.tcpFeedListener(instance), "tcp", idPrefix,
        ListenerBounds.tcp(config.feed(), instance));
    server =
        vertx.createNetServer(
            new NetServerOptions()
                .setHost(config.node().host())
                .setPort(port)
                .setTcpNoDelay(true)
                .setReuseAddress(true));
    server.connectHandler(socket -> listener.accept(id -> new TcpTransport(vertx, socket, id)));
    return listener.start().compose(v -> listener.followInstruments()).compose(v -> server.listen());
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** Drains and finishes (if not done yet), then closes the listener. */
  @Override
  public Future<?> stop() {
    return listener.finish(config.node().shutdownTimeoutMs()).compose(v -> server.close());
  }
}
