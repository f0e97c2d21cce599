package io.tickmesh.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Makes a hung test say where it hangs. Registered for every test JVM (surefire and failsafe) through
 * {@code META-INF/services}: when one test class has run for longer than {@link #FIRST} (and then every
 * {@link #EVERY}), it prints to standard output the class, every thread's stack with its locks, and the
 * child processes of the test JVM (nodes, PostgreSQL servers). JUnit's default timeout (see
 * {@code junit-platform.properties}) then fails the test, so a hang costs minutes of CI, not its limit.
 */
public final class HangWatchdog implements TestExecutionListener {
  private static final Duration FIRST = Duration.ofMinutes(Long.getLong("test.watchdog.minutes", 3));
  private static final Duration EVERY = Duration.ofMinutes(2);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "test-hang-watchdog");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();

  @Override
  public void executionStarted(TestIdentifier test) {
    if (!isClass(test)) {
      return;
    }
    Instant started = Instant.now();
    running.put(test.getUniqueId(), timer.scheduleAtFixedRate(() -> dump(test, started),
        FIRST.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS));
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    ScheduledFuture<?> watch = running.remove(test.getUniqueId());
    if (watch != null) {
      watch.cancel(false);
    }
  }

  private static boolean isClass(TestIdentifier test) {
    return test.isContainer() && test.getSource().map(s -> s instanceof org.junit.platform.engine.support.descriptor.ClassSource).orElse(false);
  }

  private static void dump(TestIdentifier test, Instant started) {
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("\n==== HANG WATCHDOG: ").append(test.getDisplayName()).append(" has run for ")
        .append(Duration.between(started, Instant.now()).toSeconds()).append(" s; threads of this JVM (pid ")
        .append(ProcessHandle.current().pid()).append("):\n");
    for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      out.append(describe(info));
    }
    out.append("---- child processes:\n");
    out.append(ProcessHandle.current().descendants()
        .map(p -> "  " + p.pid() + " " + p.info().commandLine().orElse("?"))
        .collect(Collectors.joining("\n")));
    out.append("\n==== END HANG WATCHDOG\n");
    System.out.print(out);
    System.out.flush();
  }

  /** Like {@link ThreadInfo#toString()}, but with the whole stack (that one stops at 8 frames). */
  private static String describe(ThreadInfo info) {
    StringBuilder out = new StringBuilder();
    out.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
    if (info.getLockName() != null) {
      out.append(" on ").append(info.getLockName());
    }
    if (info.getLockOwnerName() != null) {
      out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
    }
    out.append('\n');
    for (StackTraceElement frame : info.getStackTrace()) {
      out.append("    at ").append(frame).append('\n');
    }
    return out.toString();
  }
}
