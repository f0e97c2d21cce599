package io.tickmesh.feed;

import static io.tickmesh.feed.TestDefaults.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  @Test
  void countsEveryLineButPassesOnlyNonBlankOnes() {
    byte[] bytes = utf8("a\n\nbb\r\n\r\n  \nlast");
    assertThat(RecordingSink.split(100, bytes)).containsExactly("1:a", "3:bb", "5:  ", "6:last");
  }

  @Test
  void finishEndsALastLineWithoutNewlineOnly() {
    RecordingSink sink = new RecordingSink();
    LineSplitter splitter = new LineSplitter(100, sink);
    splitter.accept(utf8("a\nb\n"), 0, 4);
    splitter.finish();
    assertThat(sink.events).containsExactly("1:a", "2:b");
    assertThat(splitter.lineCount()).isEqualTo(2);
    assertThat(RecordingSink.split(100, utf8("a\r"))).containsExactly("1:a");
    assertThat(RecordingSink.split(100, utf8(""))).isEmpty();
  }

  @Test
  void passesLinesWithinAChunkAsSlicesOfIt() {
    RecordingSink sink = new RecordingSink();
    LineSplitter splitter = new LineSplitter(100, sink);
    byte[] chunk = utf8("one\ntwo\nthr");
    splitter.accept(chunk, 0, chunk.length);
    byte[] next = utf8("ee\nfour\n");
    splitter.accept(next, 0, next.length);
    assertThat(sink.events).containsExactly("1:one", "2:two", "3:three", "4:four");
    assertThat(sink.lineArrays.get(0)).isSameAs(chunk);
    assertThat(sink.lineArrays.get(1)).isSameAs(chunk);
    assertThat(sink.lineArrays.get(2)).isNotSameAs(chunk).isNotSameAs(next);
    assertThat(sink.lineArrays.get(3)).isSameAs(next);
  }

  @Test
  void givesTheSameLinesForEveryChunkBoundary() {
    byte[] bytes = utf8("{\"a\":1}\r\n\nxy\rz\n\r\nlonger line here\nq");
    List<String> whole = RecordingSink.reference(10, bytes);
    assertThat(whole).containsExactly("1:{\"a\":1}", "3:xy\rz", "5:tooLong(16):longer line here", "6:q");
    for (int i = 0; i <= bytes.length; i++) {
      assertThat(RecordingSink.split(10, bytes, i)).as("cut at %d", i).isEqualTo(whole);
      for (int j = i; j <= bytes.length; j++) {
        assertThat(RecordingSink.split(10, bytes, i, j)).as("cuts at %d and %d", i, j).isEqualTo(whole);
      }
    }
  }

  @Test
  void reportsA10KibLineOnceAndGoesOn() {
    byte[] line = new byte[10 * 1024];
    for (int i = 0; i < line.length; i++) {
      line[i] = (byte) ('a' + i % 26);
    }
    String big = new String(line, StandardCharsets.ISO_8859_1);
    byte[] bytes = utf8("first\n" + big + "\r\nnext\n");
    String expected = "2:tooLong(10240):" + big.substring(0, 1024);
    for (int chunk : new int[] {bytes.length, 8192, 4096, 1000, 7, 1}) {
      RecordingSink sink = new RecordingSink();
      LineSplitter splitter = new LineSplitter(8192, sink);
      for (int i = 0; i < bytes.length; i += chunk) {
        splitter.accept(bytes, i, Math.min(chunk, bytes.length - i));
      }
      splitter.finish();
      assertThat(sink.events).as("chunks of %d", chunk).containsExactly("1:first", expected, "3:next");
    }
    assertThat(RecordingSink.split(8192, utf8(big))).containsExactly("1:tooLong(10240):" + big.substring(0, 1024));
  }

  @Test
  void acceptsALineOfExactlyTheLimitEvenWithCrlfAcrossChunks() {
    String max = "x".repeat(16);
    byte[] bytes = utf8("y\n" + max + "\r\n" + max + "z\r\n" + max + "\r\r\n");
    List<String> expected = List.of("1:y", "2:" + max, "3:tooLong(17):" + max + "z", "4:tooLong(17):" + max + "\r");
    assertThat(RecordingSink.reference(16, bytes)).isEqualTo(expected);
    for (int i = 0; i <= bytes.length; i++) {
      for (int j = i; j <= bytes.length; j++) {
        assertThat(RecordingSink.split(16, bytes, i, j)).as("cuts at %d and %d", i, j).isEqualTo(expected);
      }
    }
  }

  @Test
  void neverCopiesIntoMoreThanTheLimit() {
    RecordingSink sink = new RecordingSink();
    LineSplitter splitter = new LineSplitter(300, sink);
    byte[] bytes = utf8("a".repeat(299) + "\n" + "b".repeat(300) + "\r\n" + "c".repeat(5000) + "\n" + "d\n");
    for (int i = 0; i < bytes.length; i += 3) {
      splitter.accept(bytes, i, Math.min(3, bytes.length - i));
    }
    assertThat(sink.events).hasSize(4);
    assertThat(sink.lineArrays).allSatisfy(a -> assertThat(a.length).isLessThanOrEqualTo(300));
  }

  @Test
  void cutsThePrefixOfASmallLimitAt1024Bytes() {
    byte[] bytes = new byte[3000];
    Arrays.fill(bytes, (byte) 'k');
    bytes[2999] = '\n';
    List<String> events = RecordingSink.split(10, bytes, 5, 500, 1500);
    assertThat(events).containsExactly("1:tooLong(2999):" + "k".repeat(1024));
  }
}
