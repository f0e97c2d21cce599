package io.tickmesh.testing;

/** What the machine running the tests can do, where a test's expectation depends on it. */
public final class Platform {
  private Platform() {}

  /** Whether the jar's epoll library loads here: Linux on x86-64 (this project's machines and CI). */
  public static boolean epollFits() {
    return System.getProperty("os.name").startsWith("Linux") && "amd64".equals(System.getProperty("os.arch"));
  }
}
