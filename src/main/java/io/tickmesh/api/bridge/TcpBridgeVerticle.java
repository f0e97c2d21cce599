package io.tickmesh.api.bridge;

import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

/**
 * The TCP event-bus bridge on {@code bridge.tcp.port}: the frame protocol of vertx-tcp-eventbus-bridge
 * (a 4-byte big-endian length, then JSON {@code {type,address,replyAddress,headers,body}}), served by our
 * own connection handler because the library writes every message to a socket however far behind its
 * client is. Here each client has a {@link ClientOutbox}: quotes conflated when it lags, a disconnect
 * with a reason past the bound, and the pipeline never waits.
 *
 * <p>Consumes {@code snapshot.quote} (see {@link Snapshots}) and, per client, the output addresses it
 * subscribes to. Owns: the server and its connections, all on this verticle's event loop.
 */
public final class TcpBridgeVerticle extends VerticleBase {
  private final TickmeshConfig config;
  private NetServer server;

  /** The bridge of a node configured by {@code config}. */
  public TcpBridgeVerticle(TickmeshConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true));
    server.connectHandler(socket -> new TcpBridgeConnection(vertx, socket, config.bridge()).start());
    return Snapshots.register(vertx.eventBus(), config.shards().count())
        .compose(v -> server.listen(config.bridge().tcpPort(), config.node().host()));
  }

  /** The port actually bound. */
  public int actualPort() {
    return server.actualPort();
  }
}
