package io.tickmesh.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node.js scripts of {@code src/test/js}, installing their npm packages (package-lock.json)
 * first when they are missing, so README's test command works on a fresh clone.
 */
public final class NodeJs {
  public static final Path DIR = Path.of("src", "test", "js");

  private NodeJs() {}

  /** Runs {@code node SCRIPT ARGS...} in src/test/js and returns its standard output; fails on a non-zero exit. */
  public static String run(long timeoutSeconds, String script, String... args) throws Exception {
    ensureModules();
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    Path log = Files.createTempFile("node-", ".err");
    Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectError(log.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(script + " did not finish in " + timeoutSeconds + " s; stderr: " + Files.readString(log));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(script + " exited with " + p.exitValue() + "; stderr: " + Files.readString(log));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Runs {@code npm ci} in src/test/js unless its node_modules is there. */
  public static void ensureModules() throws IOException, InterruptedException {
    if (Files.isDirectory(DIR.resolve("node_modules"))) {
      return;
    }
    // Not inheritIO: npm would share the test JVM's stdin, which is the failsafe fork's command channel,
    // and Node.js sets it non-blocking; the fork then fails with "std/in stream corrupted".
    Path log = Files.createTempFile("npm-ci-", ".log");
    Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    install.getOutputStream().close();
    if (!install.waitFor(300, TimeUnit.SECONDS) || install.exitValue() != 0) {
      throw new AssertionError("npm ci in " + DIR + " failed; the Node.js tests need Node.js, npm and the npm registry:\n"
          + Files.readString(log));
    }
  }
}
