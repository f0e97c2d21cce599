package io.tickmesh.feed;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * TCP half-close on a feed connection, which Vert.x's {@code NetSocket} does not offer: by default the
 * channel closes as soon as the publisher ends its input ({@code shutdown(SHUT_WR)}, {@code nc -N}), before
 * we could send the acks of what it sent. Here the channel stays open, and the end of input reaches the
 * data handler in order, after the last data, as an empty buffer (a read never delivers one otherwise).
 * Uses Netty through Vert.x's internal socket API; a socket without it (none in practice) keeps the
 * default behaviour.
 *
 * <p>Threading: call on the socket's context, which runs on its channel's event loop.
 */
final class HalfClose {
  private HalfClose() {}

  /** Keeps {@code socket} open when the publisher ends its input; the end arrives as an empty buffer. */
  static void allow(NetSocket socket) {
    if (socket instanceof NetSocketInternal internal) {
      ChannelHandlerContext vertxHandler = internal.channelHandlerContext();
      Channel channel = vertxHandler.channel();
      channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
      channel.pipeline().addBefore(vertxHandler.name(), "tickmesh-input-end", new InputEndMarker());
    }
  }

  /**
   * Ends our sending side: the publisher reads the end of stream after what was already handed to the
   * kernel (data not yet handed to it is dropped, so wait for the last write first).
   */
  static Future<Void> endOutput(NetSocket socket) {
    if (socket instanceof NetSocketInternal internal
        && internal.channelHandlerContext().channel() instanceof DuplexChannel duplex
        && duplex.isActive()) {
      Promise<Void> done = Promise.promise();
      duplex.shutdownOutput().addListener(f -> done.tryComplete());
      return done.future();
    }
    return Future.succeededFuture();
  }

  /**
   * Turns Netty's input-shutdown event into an empty read behind the data already read, and ends that
   * read: Vert.x holds a connection's writes back while a read is in progress and flushes them when it
   * completes. On NIO another read-complete came anyway (the selector tried reading again); on epoll
   * (Netty 4.2.10) none came once the input was shut, so the acks written in answer were never flushed.
   * Where another does come, it finds no read in progress and does nothing.
   */
  private static final class InputEndMarker extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof ChannelInputShutdownEvent) {
        ctx.fireChannelRead(Unpooled.EMPTY_BUFFER);
        ctx.fireChannelReadComplete();
      }
      ctx.fireUserEventTriggered(event);
    }
  }
}
