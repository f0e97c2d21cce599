package io.tickmesh.feed.venue;

/** Why a venue's message was refused, or a book resynced: counted by kind in the feed's stats. */
public enum VenueProblem {
  /** Not JSON at all, or cut off before its end. */
  NOT_JSON("not JSON"),
  /** Longer than {@code venues.maxMessageBytes}. */
  TOO_LONG("too long"),
  /** JSON, but not a message of the venue's protocol: a field missing or of the wrong kind, a bad value. */
  BAD_MESSAGE("bad message"),
  /** A type of message the node does not know. */
  UNKNOWN_TYPE("unknown type"),
  /** A product the feed did not subscribe to. */
  UNKNOWN_PRODUCT("unknown product"),
  /** The venue said something went wrong. */
  VENUE_ERROR("venue error"),
  /** A trade whose id is not above the last one of its product on this connection. */
  OUT_OF_ORDER("out of order"),
  /** A book whose update could not be applied, or failed its check: it waits for a new snapshot. */
  BOOK_RESYNC("book resync");

  private final String label;

  VenueProblem(String label) {
    this.label = label;
  }

  /** The words a reject reason starts with. */
  public String label() {
    return label;
  }
}
