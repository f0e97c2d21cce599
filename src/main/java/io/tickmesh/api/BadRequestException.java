package io.tickmesh.api;

/** A request the API refuses with 400: {@code error} is a short title, the message the detail. */
final class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String error;

  BadRequestException(String error, String detail) {
    super(detail, null, false, false);
    this.error = error;
  }

  String error() {
    return error;
  }
}
