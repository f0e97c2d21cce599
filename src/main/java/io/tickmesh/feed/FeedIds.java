package io.tickmesh.feed;

import io.tickmesh.model.InvalidValueException;
import io.tickmesh.model.Tick;

/**
 * The rules for feed ids: a line may name 1 to 64 of {@code A-Z a-z 0-9 . _ : / -}, except ids starting
 * with {@link #ASSIGNED_PREFIX}, which only the node gives (to connections whose lines carry no feed).
 * For tools that build lines themselves and must not send ids the node refuses.
 */
public final class FeedIds {
  /** The prefix of every feed id the node assigns; a line may not name such a feed. */
  public static final String ASSIGNED_PREFIX = Tick.ASSIGNED_FEED_PREFIX;

  private FeedIds() {}

  /** Null if {@code id} is a feed id a line may name, else the reason the node would give for refusing it. */
  public static String problem(String id) {
    try {
      String unused = FieldValues.feed(id);
      return null;
    } catch (InvalidValueException e) {
      return e.getMessage();
    }
  }

  /** True if {@code feed} is one the node assigned: forgotten once its connection is closed and durable. */
  public static boolean isAssigned(String feed) {
    return feed.startsWith(ASSIGNED_PREFIX);
  }

  /**
   * The feed id the node gives to the lines without one on connection {@code connectionId}. Should a
   * long {@code node.id} make it longer than a feed id may be, the end of the connection id is kept: it
   * tells the connections of one node apart (instance, run, number).
   */
  static String assigned(String connectionId) {
    String id = ASSIGNED_PREFIX + connectionId;
    int room = FieldValues.MAX_FEED_LENGTH - ASSIGNED_PREFIX.length();
    return id.length() <= FieldValues.MAX_FEED_LENGTH ? id : ASSIGNED_PREFIX + connectionId.substring(connectionId.length() - room);
  }
}
