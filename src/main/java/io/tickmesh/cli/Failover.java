package io.tickmesh.cli;

import io.tickmesh.config.HostPort;

/**
 * Which of a publisher's {@link FeedAddresses} to connect to next, and after how long. With one address
 * it retries that address every {@value #SINGLE_RETRY_MS} ms. With several, a lost connection or a
 * failed attempt moves on to the next address at once (round-robin), and only a full round of failures
 * with no answer from any node in between waits: {@value #FIRST_BACKOFF_MS} ms, doubling up to
 * {@value #MAX_BACKOFF_MS} ms. Pure logic; the publisher calls it from its own context only.
 */
final class Failover {
  static final long SINGLE_RETRY_MS = 500;
  static final long FIRST_BACKOFF_MS = 200;
  static final long MAX_BACKOFF_MS = 2_000;

  /** Where a run ended up: how many connections it made after its first, and on which address. */
  record Route(int addresses, long reconnects, HostPort endedOn) {}

  private final FeedAddresses addresses;
  private int current;
  /** Failures since a node last answered, so a node that accepts and closes at once still backs off. */
  private int failures;
  private long backoffMs = FIRST_BACKOFF_MS;
  private long connections;

  Failover(FeedAddresses addresses) {
    this.addresses = addresses;
  }

  HostPort current() {
    return addresses.get(current);
  }

  boolean several() {
    return addresses.size() > 1;
  }

  FeedAddresses addresses() {
    return addresses;
  }

  /** A connection to {@link #current()} is open. */
  void connected() {
    connections++;
  }

  /** A node answered (an ack or a refusal): it works, so the next failure starts a fresh round. */
  void answered() {
    failures = 0;
    backoffMs = FIRST_BACKOFF_MS;
  }

  /**
   * The connection to {@link #current()} was lost or could not be made: moves {@link #current()} on
   * and returns how many milliseconds to wait before connecting to it (0: at once).
   */
  long failed() {
    if (!several()) {
      return SINGLE_RETRY_MS;
    }
    current = (current + 1) % addresses.size();
    failures++;
    if (failures % addresses.size() != 0) {
      return 0;
    }
    long wait = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    return wait;
  }

  Route route() {
    return new Route(addresses.size(), Math.max(0, connections - 1), current());
  }
}
