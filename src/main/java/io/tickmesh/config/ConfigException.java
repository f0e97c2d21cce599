package io.tickmesh.config;

/**
 * A configuration that cannot be used. The message is meant for the person running the node: it names
 * the key, the layer it came from (file, environment variable, system property, command line), what
 * was expected and what was given.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal whose message tells the whole story. */
  public ConfigException(String message) {
    super(message);
  }

  /** A refusal caused by a lower-level failure, such as a file that cannot be read. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
