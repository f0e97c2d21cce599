package io.tickmesh.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code HOST:PORT} as given to {@code --to}. */
record HostPort(String host, int port) {
  /** Reads {@code HOST:PORT} for picocli. */
  static final class Converter implements ITypeConverter<HostPort> {
    @Override
    public HostPort convert(String value) {
      int colon = value.lastIndexOf(':');
      try {
        int port = Integer.parseInt(value.substring(colon + 1));
        if (colon <= 0 || port < 1 || port > 65535) {
          throw new NumberFormatException();
        }
        return new HostPort(value.substring(0, colon), port);
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        throw new TypeConversionException("expected HOST:PORT like localhost:7070, got '" + value + "'");
      }
    }
  }
}
