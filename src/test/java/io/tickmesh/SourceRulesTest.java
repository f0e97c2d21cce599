package io.tickmesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * House rules that bytecode does not show, checked on the sources of src/main: no synchronized blocks,
 * no floating point in the model, parsing and analytics, no printing outside the command line.
 */
class SourceRulesTest {
  private static final Path MAIN = Path.of("src/main/java/io/tickmesh");

  @Test
  void noSynchronizedAnywhere() throws IOException {
    assertThat(offending(MAIN, Pattern.compile("\\bsynchronized\\b"))).isEmpty();
  }

  @Test
  void noFloatingPointInModelFeedsAndShards() throws IOException {
    Pattern fp = Pattern.compile("\\b(double|float|Double|Float)\\b");
    List<String> hits = new ArrayList<>();
    for (String pkg : List.of("model", "feed", "shard")) {
      hits.addAll(offending(MAIN.resolve(pkg), fp));
    }
    assertThat(hits).isEmpty();
  }

  @Test
  void noPrintingOutsideTheCommandLine() throws IOException {
    Pattern print = Pattern.compile("System\\.(out|err)\\.print|printStackTrace\\(");
    assertThat(offending(MAIN, print)).allMatch(hit -> hit.contains("/cli/"));
  }

  private static List<String> offending(Path root, Pattern pattern) throws IOException {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String code = lines.get(i).replaceAll("//.*$", "");
          if (!code.trim().startsWith("*") && pattern.matcher(code).find()) {
            hits.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    return hits;
  }
}
