package io.tickmesh.cli;

import io.tickmesh.config.HostPort;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The nodes' TCP feeds a publisher may use, in the order it tries them: {@code --to HOST:PORT,HOST:PORT,…}
 * (1 to {@value #MAX} addresses).
 */
record FeedAddresses(List<HostPort> all) {
  static final int MAX = 16;

  FeedAddresses {
    all = List.copyOf(all);
    if (all.isEmpty() || all.size() > MAX) {
      throw new IllegalArgumentException("between 1 and " + MAX + " addresses, got " + all.size());
    }
  }

  static FeedAddresses of(HostPort one) {
    return new FeedAddresses(List.of(one));
  }

  /**
   * Reads a comma-separated list; blanks around an address are ignored.
   *
   * @throws IllegalArgumentException naming the first element that is not {@code HOST:PORT}, an empty
   *     element, or a list of more than {@value #MAX}
   */
  static FeedAddresses parse(String value) {
    String[] parts = value.split(",", -1);
    if (parts.length > MAX) {
      throw new IllegalArgumentException("at most " + MAX + " addresses, got " + parts.length + " in '" + value + "'");
    }
    List<HostPort> addresses = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty()) {
        throw new IllegalArgumentException("address " + (i + 1) + " of '" + value + "' is empty; expected HOST:PORT,HOST:PORT,...");
      }
      addresses.add(HostPort.parse(part));
    }
    return new FeedAddresses(addresses);
  }

  int size() {
    return all.size();
  }

  HostPort get(int index) {
    return all.get(index);
  }

  /** {@code host:port}, or {@code any of a:1, b:2} for several: who a failure message is about. */
  String describe() {
    return all.size() == 1 ? all.get(0).toString() : "any of " + toString();
  }

  @Override
  public String toString() {
    return String.join(", ", all.stream().map(HostPort::toString).toList());
  }

  /** Reads {@code --to} for picocli. */
  static final class Converter implements ITypeConverter<FeedAddresses> {
    @Override
    public FeedAddresses convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
