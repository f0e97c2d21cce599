package io.tickmesh.config;

/** {@code HOST:PORT}, as given to the tools' {@code --to} and to config keys such as {@code itch.soup}. */
public record HostPort(String host, int port) {
  /**
   * Reads {@code HOST:PORT}: a host without blanks, then a port from 1 to 65535.
   *
   * @throws IllegalArgumentException saying what was expected and what was given
   */
  public static HostPort parse(String value) {
    int colon = value.lastIndexOf(':');
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      if (colon <= 0 || port < 1 || port > 65535 || value.substring(0, colon).isBlank()
          || value.chars().anyMatch(Character::isWhitespace)) {
        throw new NumberFormatException();
      }
      return new HostPort(value.substring(0, colon), port);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("expected HOST:PORT like localhost:7070, got '" + value + "'");
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
