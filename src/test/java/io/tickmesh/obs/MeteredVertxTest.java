package io.tickmesh.obs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The transport a node's Vert.x runs on: epoll on this Linux x86-64 machine unless told otherwise. */
class MeteredVertxTest {
  @Test
  void socketsRunOnEpollByDefaultAndOnNioWhenToldSo() throws Exception {
    MeteredVertx epoll = MeteredVertx.create(true);
    MeteredVertx nio = MeteredVertx.create(false);
    try {
      assertThat(epoll.transport()).isEqualTo("epoll");
      assertThat(nio.transport()).isEqualTo("nio");
      assertThat(echoes(epoll)).isEqualTo("ping");
      assertThat(echoes(nio)).isEqualTo("ping");
    } finally {
      var unused = epoll.vertx().close().await(10, TimeUnit.SECONDS);
      var unused2 = nio.vertx().close().await(10, TimeUnit.SECONDS);
    }
  }

  /** A loopback TCP round trip on {@code metered}'s transport: what the client read back. */
  private static String echoes(MeteredVertx metered) throws Exception {
    NetServer server = metered.vertx().createNetServer().connectHandler(socket -> socket.handler(b -> {
      var unused = socket.write(b); // an echo: a lost write shows as the client's timeout
    }));
    var unused = server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    NetClient client = metered.vertx().createNetClient();
    NetSocket socket = client.connect(server.actualPort(), "127.0.0.1").await(10, TimeUnit.SECONDS);
    io.vertx.core.Promise<String> echoed = io.vertx.core.Promise.promise();
    socket.handler(b -> echoed.tryComplete(b.toString()));
    var unused2 = socket.write("ping").await(10, TimeUnit.SECONDS);
    return echoed.future().await(10, TimeUnit.SECONDS);
  }
}
