package io.tickmesh.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;

/**
 * Writes {@code node.portsFile} once the node listens, atomically (a temporary file moved into place), so
 * a script waiting for it never reads half a file.
 */
final class PortsFile {
  private PortsFile() {}

  static Future<Void> write(Vertx vertx, String path, NodePorts ports) {
    if (path == null) {
      return Future.succeededFuture();
    }
    String tmp = path + ".tmp";
    return vertx
        .fileSystem()
        .writeFile(tmp, Buffer.buffer(ports.toJson().encode() + "\n"))
        .compose(v -> vertx.fileSystem().move(tmp, path, new CopyOptions().setReplaceExisting(true).setAtomicMove(true)));
  }
}
