package io.tickmesh.obs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.Platform;
import io.vertx.core.Promise;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The transport a node's Vert.x runs on: epoll where the jar's native library fits (Linux x86-64, this
 * project's machines and CI), NIO when told so, and NIO elsewhere; as many event loops as it is told.
 */
class MeteredVertxTest {
  @Test
  void socketsRunOnEpollWhereItsLibraryFitsAndOnNioWhenToldSo() throws Exception {
    MeteredVertx wanted = MeteredVertx.create(true, 2);
    try {
      MeteredVertx nio = MeteredVertx.create(false, 1);
      try {
        if (Platform.epollFits()) {
          assertThat(wanted.transport()).isEqualTo("epoll");
        } else { // the fallback README promises, and the reason in the start log
          assertThat(wanted.transport()).startsWith("nio (native transport unavailable: ");
        }
        assertThat(nio.transport()).isEqualTo("nio");
        assertThat(eventLoops(wanted)).as("node.eventLoops").isEqualTo(2);
        assertThat(eventLoops(nio)).isEqualTo(1);
        assertThat(echoes(wanted)).isEqualTo("ping");
        assertThat(echoes(nio)).isEqualTo("ping");
      } finally {
        var unused = nio.vertx().close().await(10, TimeUnit.SECONDS);
      }
    } finally {
      var unused = wanted.vertx().close().await(10, TimeUnit.SECONDS);
    }
  }

  /** How many event-loop threads {@code metered} runs its verticles and sockets on. */
  private static int eventLoops(MeteredVertx metered) {
    int n = 0;
    for (var unused : ((VertxInternal) metered.vertx()).nettyEventLoopGroup()) {
      n++;
    }
    return n;
  }

  /** A loopback TCP round trip on {@code metered}'s transport: what the client read back. */
  private static String echoes(MeteredVertx metered) throws Exception {
    NetServer server = metered.vertx().createNetServer().connectHandler(socket -> socket.handler(b -> {
      var unused = socket.write(b); // an echo: a lost write shows as the client's timeout
    }));
    var unused = server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    NetClient client = metered.vertx().createNetClient();
    NetSocket socket = client.connect(server.actualPort(), "127.0.0.1").await(10, TimeUnit.SECONDS);
    Promise<String> echoed = Promise.promise();
    socket.handler(b -> echoed.tryComplete(b.toString()));
    var unused2 = socket.write("ping").await(10, TimeUnit.SECONDS);
    return echoed.future().await(10, TimeUnit.SECONDS);
  }
}
