package io.tickmesh.feed;

import io.tickmesh.model.InvalidValueException;

/**
 * The rule for feed ids that the parsers apply to every line: 1 to 64 of {@code A-Z a-z 0-9 . _ : / -}.
 * For tools that build lines themselves and must not send ids the node refuses.
 */
public final class FeedIds {
  private FeedIds() {}

  /** Null if {@code id} is a valid feed id, else the reason the node would give for refusing it. */
  public static String problem(String id) {
    try {
      String unused = FieldValues.identifier(TickField.FEED, id, FieldValues.MAX_FEED_LENGTH);
      return null;
    } catch (InvalidValueException e) {
      return e.getMessage();
    }
  }
}
