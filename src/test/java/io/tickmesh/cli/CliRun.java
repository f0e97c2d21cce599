package io.tickmesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command of the jar run to its end as a user runs it: its exit code and its stdout and stderr together. */
record CliRun(int exit, String output) {
  /** Runs {@code java -jar tickmesh.jar args…} and waits up to two minutes for it. */
  static CliRun of(List<String> args) throws Exception {
    Path out = Files.createTempFile("cli", ".out");
    Process p = start(args, out);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("command finished").isTrue();
    return new CliRun(p.exitValue(), Files.readString(out));
  }

  /** Starts {@code java -jar tickmesh.jar args…} with its stdout and stderr going to {@code out}. */
  static Process start(List<String> args, Path out) throws IOException {
    return new ProcessBuilder(NodeProcess.command(args)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
  }
}
