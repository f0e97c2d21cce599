package io.tickmesh.api.bridge;

import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

/**
 * The TCP event-bus bridge on {@code bridge.tcp.port}: the frame protocol of vertx-tcp-eventbus-bridge
 * (a 4-byte big-endian length, then JSON {@code {type,address,replyAddress,headers,body}}), served by our
 * own {@link BridgeHub} because the library writes every message to a socket however far behind its
 * client is. Here each client has a bounded {@link ClientOutbox} fed by one consumer per address
 * ({@link Fanout}): quotes conflated when it lags, a disconnect with a reason past its bound, and the
 * pipeline never waits.
 *
 * <p>Consumes {@code snapshot.quote} (see {@link Snapshots}), {@code tm.bridge.tcp.stats} and the output
 * addresses its clients subscribe to. Owns: the server, its hub and connections, all on this verticle's
 * event loop.
 */
public final class TcpBridgeVerticle extends VerticleBase {
  /** The kernel's send buffer of each client socket: what a client that stops reading holds in the kernel. */
  static final int SEND_BUFFER_BYTES = 256 * 1024;

  private final TickmeshConfig config;
  private NetServer server;
  private BridgeHub hub;

  /** The bridge of a node configured by {@code config}. */
  public TcpBridgeVerticle(TickmeshConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    TickmeshConfig.Bridge limits = config.bridge();
    hub = new BridgeHub(vertx, limits, Dialect.TCP, "tcp", config.cluster().enabled());
    // A fixed send buffer: the kernel's autotuning would let every stalled client hold megabytes.
    server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true).setSendBufferSize(SEND_BUFFER_BYTES));
    server.connectHandler(socket -> new TcpBridgeConnection(socket, limits.maxFrameBytes()).start(hub));
    return Snapshots.register(vertx.eventBus(), config.shards().count())
        .compose(v -> hub.start())
        .compose(v -> server.listen(limits.tcpPort(), config.node().host()));
  }

  /** The port actually bound. */
  public int actualPort() {
    return server.actualPort();
  }

  /** Tells every client the node is stopping, and closes them. */
  @Override
  public Future<?> stop() {
    hub.stop();
    return server.close();
  }
}
