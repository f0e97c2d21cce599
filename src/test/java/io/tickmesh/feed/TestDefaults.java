package io.tickmesh.feed;

import java.nio.charset.StandardCharsets;

/** Defaults of a test connection: feed {@code conn-1}, seqs from 1, counting how often it was asked. */
final class TestDefaults implements FeedDefaults {
  static final String FEED = "conn-1";
  /** 2026-11-24T14:30:00Z, the clock of every test parser. */
  static final long NOW = 1_795_530_600_000_000_000L;
  /** Five seconds. */
  static final long SKEW = 5_000_000_000L;

  long next = 1;
  int feedCalls;
  int seqCalls;

  @Override
  public String feed() {
    feedCalls++;
    return FEED;
  }

  @Override
  public long nextSeq() {
    seqCalls++;
    return next++;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
