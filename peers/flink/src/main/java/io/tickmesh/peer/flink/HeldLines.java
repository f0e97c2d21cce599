package io.tickmesh.peer.flink;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bench file's lines, held in this JVM for the jobs of a run. A MiniCluster runs its tasks in the
 * same JVM, so a source split names its lines by id and no line is copied into the job graph or read
 * from disk on the job's time. Thread-safe: lines are held before a job is submitted and only read while
 * it runs.
 */
public final class HeldLines {
  private static final Map<String, List<byte[]>> HELD = new ConcurrentHashMap<>();

  private HeldLines() {}

  /**
   * Every line of {@code file} as the node receives it from {@code tickmesh bench}: the identity
   * {@code "feed":<feed>,"seq":<line number>} right after the opening brace (see the node's
   * {@code BenchLines}), so the parser reads the same fields on both sides.
   */
  public static List<byte[]> read(Path file, String feed) throws IOException {
    List<byte[]> lines = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) {
          continue;
        }
        if (line.charAt(0) != '{') {
          throw new IOException(file + ": line " + (lines.size() + 1) + " is not a JSON object");
        }
        String identity = "{\"feed\":\"" + feed + "\",\"seq\":" + (lines.size() + 1) + ",";
        lines.add((identity + line.substring(1)).getBytes(StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  /** Holds {@code lines} (not copied: the caller no longer changes them) and returns their id. */
  public static String hold(List<byte[]> lines) {
    String id = UUID.randomUUID().toString();
    HELD.put(id, Collections.unmodifiableList(lines));
    return id;
  }

  /** The lines held under {@code id}. */
  static List<byte[]> get(String id) {
    List<byte[]> lines = HELD.get(id);
    if (lines == null) {
      throw new IllegalStateException("no lines held under " + id + ": the job runs outside the JVM that holds them");
    }
    return lines;
  }

  /** Lets the lines of {@code id} go. */
  public static void release(String id) {
    HELD.remove(id);
  }
}
