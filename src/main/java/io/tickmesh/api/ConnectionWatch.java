package io.tickmesh.api;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * What Vert.x does not tell the application about an HTTP connection, read from its Netty channel: when
 * it closes, also after an upgrade to a WebSocket (the SockJS bridge's), past which the HttpConnection's
 * own close handler never fires; and when the server's idle timeout is what closes it (Vert.x closes an
 * idle connection without a word; the sign is Netty's {@link IdleStateEvent} on its way to Vert.x's handler,
 * where an observer placed just before it sees it). The channel is reached through {@link ConnectionBase},
 * Vert.x's implementation class: should a Vert.x release change that, closes are taken from the
 * HttpConnection's close handler instead (WebSockets then are not seen to close) and idle closes are no
 * longer counted; HttpEdgeIT checks both.
 *
 * <p>Threading: the listeners run on the channel's event loop, the one of the API verticle that owns the
 * server.
 */
final class ConnectionWatch {
  /** The name Vert.x gives its own handler, last in an HTTP/1.x connection's pipeline. */
  private static final String VERTX_HANDLER = "handler";

  private ConnectionWatch() {}

  /** Runs {@code onClose} once {@code connection} closes, and {@code onIdleClose} first when it closes for being idle. */
  static void watch(HttpConnection connection, Runnable onClose, Runnable onIdleClose) {
    if (!(connection instanceof ConnectionBase base)) {
      connection.closeHandler(v -> onClose.run());
      return;
    }
    Channel channel = base.channelHandlerContext().channel();
    channel.closeFuture().addListener(f -> onClose.run());
    ChannelPipeline pipeline = channel.pipeline();
    if (pipeline.get(VERTX_HANDLER) != null) {
      pipeline.addBefore(VERTX_HANDLER, "tickmesh-idle-closes", new IdleObserver(onIdleClose));
    }
  }

  private static final class IdleObserver extends ChannelInboundHandlerAdapter {
    private final Runnable onIdleClose;
    private boolean seen;

    IdleObserver(Runnable onIdleClose) {
      this.onIdleClose = onIdleClose;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event instanceof IdleStateEvent && !seen) {
        seen = true; // Vert.x closes the connection at the first one
        onIdleClose.run();
      }
      super.userEventTriggered(ctx, event);
    }
  }
}
