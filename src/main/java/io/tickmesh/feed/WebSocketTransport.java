package io.tickmesh.feed;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A feed connection on the WebSocket at {@code /feed}: input is text messages, each one or more lines (the
 * end of a message ends its last line; a message may come in fragments), and each reply is a text message.
 * Frames are taken as they come, never gathered into whole messages, so a message may be of any length;
 * only a line is bounded ({@code feed.maxLineBytes}). A binary message, or a frame Netty refuses (over the
 * server's frame limit, or against the protocol), ends the input; the connection closes after its acks
 * with the reason and a close code (1003, 1009, 1002). Vert.x would cut the connection at once on a refused
 * frame, before its acks and without a word: a handler placed before Vert.x's in the channel's pipeline
 * takes Netty's error instead (Netty's decoder drops every later byte by itself).
 *
 * <p>A WebSocket has no half-close: Vert.x answers the publisher's close frame at once, so the publisher
 * gets the acks of what it sent only if it waits for them before it closes. What it sent is still
 * handled and its position recorded.
 *
 * <p>The HTTP server's idle timeout does not apply to this connection (its handler is taken out of the
 * channel's pipeline): {@code feed.idleTimeoutMs} does, as on TCP. The channel is reached through the
 * upgraded HTTP connection's {@link ConnectionBase}, Vert.x's implementation class (vertx-web hands out a
 * wrapper of the WebSocket, which hides Vert.x's own); without it, the HTTP idle timeout would stay and a
 * refused frame would cut the connection.
 *
 * <p>Threading: the WebSocket's handlers run on the HTTP server's context; so do all calls.
 */
final class WebSocketTransport extends FeedTransportBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
  /** How long after our close frame the connection may wait for the publisher's before it is cut. */
  private static final long LINGER_MS = 500;
  private static final int WRITE_QUEUE_BYTES = 256 * 1024;
  /** A close frame holds at most 123 bytes of reason. */
  private static final int MAX_CLOSE_REASON = 120;
  /** The name Vert.x gives its own handler, last in the pipeline, also after an upgrade. */
  private static final String VERTX_HANDLER = "handler";
  /** Ours, just before it. */
  private static final String OUR_HANDLER = "tickmesh-feed-frames";

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final Channel channel;
  private final int maxFrameBytes;
  /** Inside a fragmented text message: its continuation frames are lines too. */
  private boolean inText;

  /** {@code ws}, upgraded from {@code connection}. */
  WebSocketTransport(Vertx vertx, ServerWebSocket ws, HttpConnection connection, String id, int maxFrameBytes) {
    super(id);
    this.vertx = vertx;
    this.ws = ws;
    this.channel = connection instanceof ConnectionBase base ? base.channelHandlerContext().channel() : null;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public void start(Events events) {
    adaptPipeline(events, vertx.getOrCreateContext());
    ws.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    ws.frameHandler(frame -> frame(events, frame));
    ws.endHandler(v -> events.endOfInput());
    ws.closeHandler(v -> events.closed());
    ws.drainHandler(v -> events.writable());
    ws.exceptionHandler(e -> LOG.atDebug().addKeyValue("source", id).log("feed WebSocket error: {}", e.toString()));
  }

  private void frame(Events events, WebSocketFrame frame) {
    if (frame.isText() || (frame.isContinuation() && inText)) {
      inText = !frame.isFinal();
      events.data(frame.binaryData().getBytes(), frame.isFinal());
    } else if (frame.isBinary()) {
      events.refused(Farewell.notText("binary message: the feed takes text messages of JSON or CSV lines"));
    } // the rest of a binary message, pings, pongs and the close frame carry no lines
  }

  /** Netty refused a frame: after that its decoder drops every byte, so the input is over. */
  private Farewell refusal(CorruptedWebSocketFrameException e) {
    return e.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
        ? Farewell.tooBig("frame too big: a WebSocket frame holds at most " + maxFrameBytes + " bytes; send more messages")
        : Farewell.protocol("protocol error: " + e.getMessage());
  }

  /** Takes the HTTP idle timeout out of the channel, and takes Netty's refused frames before Vert.x does. */
  private void adaptPipeline(Events events, Context context) {
    if (channel == null) {
      return;
    }
    ChannelPipeline pipeline = channel.pipeline();
    if (pipeline.get(IdleStateHandler.class) != null) {
      pipeline.remove(IdleStateHandler.class);
    }
    if (pipeline.get(VERTX_HANDLER) != null) {
      pipeline.addBefore(VERTX_HANDLER, OUR_HANDLER,
          new RefusedFrames(e -> context.runOnContext(v -> events.refused(refusal(e)))));
    }
  }

  /**
   * Passes on every error but a refused frame, which goes to {@code onRefused} instead of closing the
   * channel; its place in the pipeline also lets {@link #cutOff()} close the socket past Vert.x.
   */
  private static final class RefusedFrames extends ChannelInboundHandlerAdapter {
    private final Consumer<CorruptedWebSocketFrameException> onRefused;

    RefusedFrames(Consumer<CorruptedWebSocketFrameException> onRefused) {
      this.onRefused = onRefused;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof CorruptedWebSocketFrameException refused) {
        onRefused.accept(refused);
      } else {
        ctx.fireExceptionCaught(cause);
      }
    }
  }

  @Override
  public void pause() {
    ws.pause();
  }

  @Override
  public void resume() {
    ws.resume();
  }

  @Override
  protected boolean writable() {
    return !ws.isClosed();
  }

  @Override
  protected Future<Void> write(String reply) {
    return ws.writeTextMessage(reply);
  }

  @Override
  protected boolean writeQueueFull() {
    return ws.writeQueueFull();
  }

  /**
   * Our close frame with the farewell's code and reason; a publisher that does not answer it within
   * {@link #LINGER_MS} (it does not read) is cut off.
   */
  @Override
  protected void endAfterReplies(Farewell farewell) {
    if (!ws.isClosed()) {
      String reason = farewell.reason();
      ws.close(farewell.closeCode(), reason == null || reason.length() <= MAX_CLOSE_REASON ? reason : reason.substring(0, MAX_CLOSE_REASON))
          .onFailure(e -> LOG.atDebug().addKeyValue("source", id).log("close failed: {}", e.getMessage()));
    }
    var unused = vertx.setTimer(LINGER_MS, t -> cutOff());
  }

  /**
   * Closes the socket from our handler, so that the close skips Vert.x's handler, whose close would wait
   * again for the publisher's close frame.
   */
  private void cutOff() {
    if (channel != null && channel.isActive()) {
      ChannelHandlerContext ours = channel.pipeline().context(OUR_HANDLER);
      var unused = ours != null ? ours.close() : channel.close();
    }
  }

  @Override
  public String remote() {
    return String.valueOf(ws.remoteAddress());
  }
}
