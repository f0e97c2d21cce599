package io.tickmesh.cli;

/** Entry point of the fat jar; the commands arrive in later commits. */
public final class Main {
  private Main() {}

  /** Runs the command line. */
  public static void main(String[] args) {}
}
