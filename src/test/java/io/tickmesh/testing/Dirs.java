package io.tickmesh.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test directories: a passed test deletes its data (a stored day is gigabytes), a failed one keeps it to look at. */
public final class Dirs {
  private Dirs() {}

  /** Deletes {@code dir} and everything under it; what cannot be deleted is left (and said). */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          System.err.println("test data left behind: " + p + " (" + e + ")");
        }
      });
    }
  }
}
