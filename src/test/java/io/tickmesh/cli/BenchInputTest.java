package io.tickmesh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickmesh.feed.FeedDefaults;
import io.tickmesh.feed.TickParser;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench's input: a deterministic file, lines the node accepts as sent, and a baseline that agrees. */
class BenchInputTest {
  @TempDir Path dir;

  @Test
  void sameParametersGiveTheSameFileWhichIsReused() throws IOException {
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    assertThat(BenchFile.ensure(a, 20, 500, 7)).isTrue();
    assertThat(BenchFile.ensure(b, 20, 500, 7)).isTrue();
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(BenchFile.read(a)).hasSize(500);
    assertThat(BenchFile.ensure(a, 20, 500, 7)).isFalse();
  }

  @Test
  void writeOnlyWritesTheFileWithoutANodeAndOtherwiseANodeIsRequired() {
    Path file = dir.resolve("w.jsonl");
    String[] write = {"--write-only", "--file", file.toString(), "--ticks", "300", "--symbols", "4", "--seed", "3"};
    assertThat(new CommandLine(new BenchCommand()).execute(write)).isZero();
    assertThat(file).exists();
    assertThat(new CommandLine(new BenchCommand()).execute(write)).as("reused").isZero();
    assertThat(new CommandLine(new BenchCommand()).execute("--file", file.toString(), "--ticks", "300")).isEqualTo(2);
  }

  @Test
  void aFileTheBenchDidNotWriteIsNeverOverwritten() throws IOException {
    Path mine = dir.resolve("mine.jsonl");
    Files.writeString(mine, "{\"sym\":\"AAPL\"}\n");
    assertThatThrownBy(() -> BenchFile.ensure(mine, 20, 500, 7)).hasMessageContaining("remove it or choose another --file");
    Path other = dir.resolve("other.jsonl");
    assertThat(BenchFile.ensure(other, 20, 500, 7)).isTrue();
    assertThatThrownBy(() -> BenchFile.ensure(other, 20, 501, 7)).isInstanceOf(IOException.class);
    assertThat(Files.readString(mine)).isEqualTo("{\"sym\":\"AAPL\"}\n");
  }

  @Test
  void roundLinesCarryTheirIdentityAndPrefixedSymbolAndParseAsTheNodeParsesThem() throws IOException {
    Path file = dir.resolve("t.jsonl");
    assertThat(BenchFile.ensure(file, 5, 100, 1)).isTrue();
    List<byte[]> templates = BenchFile.read(file);
    BenchLines lines = BenchLines.of(templates, "bench.x.1", "x.1.");
    TickParser parser = new TickParser(() -> Long.MAX_VALUE / 2, 0);
    FeedDefaults none = new FeedDefaults() {
      @Override
      public String feed() {
        throw new AssertionError("the line has a feed");
      }

      @Override
      public long nextSeq() {
        throw new AssertionError("the line has a seq");
      }
    };
    long trades = 0;
    for (int i = 0; i < templates.size(); i++) {
      OutLine line = lines.next();
      String text = new String(line.bytes(), StandardCharsets.UTF_8);
      assertThat(text).startsWith("{\"feed\":\"bench.x.1\",\"seq\":" + (i + 1) + ",\"sym\":\"x.1.");
      Tick tick = parser.parse(line.bytes(), 0, line.bytes().length, none);
      assertThat(tick.feed()).isEqualTo(line.feed()).isEqualTo("bench.x.1");
      assertThat(tick.seq()).isEqualTo(line.seq()).isEqualTo(i + 1);
      assertThat(tick.symbol()).startsWith("x.1.");
      assertThat(tick.ts()).isEqualTo(BenchFile.START_NANOS + i * (BenchFile.SPAN_NANOS / 100));
      trades += tick instanceof TradeTick ? 1 : 0;
    }
    assertThat(lines.next()).isNull();
    assertThat(trades).isBetween(15L, 45L);

    BenchBaseline.Pass pass = new BenchBaseline(BenchCommand.nodeBarSettings()).run(lines.bytes());
    assertThat(pass.ticks()).isEqualTo(100);
    assertThat(pass.bars()).isPositive();
  }

  @Test
  void theSharesOfSeveralConnectionsSplitTheSymbolsAndKeepEachSymbolsLinesInOrder() throws IOException {
    Path file = dir.resolve("s.jsonl");
    assertThat(BenchFile.ensure(file, 20, 2_000, 3)).isTrue();
    List<byte[]> templates = BenchFile.read(file);
    List<List<byte[]>> shares = BenchLines.bySymbol(templates, 3);
    assertThat(shares).hasSize(3).allSatisfy(share -> assertThat(share).isNotEmpty());
    assertThat(shares.stream().mapToInt(List::size).sum()).isEqualTo(templates.size());
    java.util.Map<String, Integer> shareOf = new java.util.HashMap<>();
    for (int c = 0; c < shares.size(); c++) {
      int last = -1;
      for (byte[] line : shares.get(c)) {
        String text = new String(line, StandardCharsets.UTF_8);
        String sym = text.substring(text.indexOf("\"sym\":\"") + 7, text.indexOf('"', text.indexOf("\"sym\":\"") + 7));
        assertThat(shareOf.getOrDefault(sym, c)).as("every line of %s in one share", sym).isEqualTo(c);
        shareOf.put(sym, c);
        int at = templates.indexOf(line);
        assertThat(at).as("file order within a share").isGreaterThan(last);
        last = at;
      }
    }
    assertThat(shareOf).hasSize(20);
  }
}
