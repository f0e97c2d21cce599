package io.tickmesh.model;

/**
 * A value (decimal, timestamp, field of a tick) that cannot be read exactly. Thrown per bad field on the
 * hot path, so it carries no stack trace: the message is the whole story and becomes the reason of a
 * reject record.
 */
public final class InvalidValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal with a reason fit for a reject record. */
  public InvalidValueException(String reason) {
    super(reason, null, false, false);
  }
}
