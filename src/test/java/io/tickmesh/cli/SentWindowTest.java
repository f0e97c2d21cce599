package io.tickmesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The publisher's window against a plain deque of the same lines, across growth, wrap-around and renumbering. */
class SentWindowTest {
  private static OutLine line(long seq) {
    return new OutLine("f", seq, new byte[] {(byte) seq});
  }

  @Test
  void refusalsFindTheirLineByNumberAcrossGrowthAndWrapAround() {
    SentWindow window = new SentWindow();
    ArrayDeque<long[]> expected = new ArrayDeque<>(); // {seq, lineNo, refused}
    Random random = new Random(11);
    long seq = 0;
    long lineNo = 0;
    for (int step = 0; step < 60_000; step++) {
      int what = random.nextInt(10);
      if (what < 5 || expected.isEmpty()) {
        seq++;
        lineNo += 1 + random.nextInt(2); // lines without a seq take a number too, and are not in the window
        window.add(line(seq), lineNo);
        expected.addLast(new long[] {seq, lineNo, 0});
      } else if (what < 8) {
        assertThat(window.line(0).seq()).isEqualTo(expected.peekFirst()[0]);
        assertThat(window.firstRefused()).isEqualTo(expected.peekFirst()[2] == 1);
        window.removeFirst();
        expected.pollFirst();
      } else {
        long[] target = expected.stream().skip(random.nextInt(expected.size())).findFirst().orElseThrow();
        long asked = random.nextBoolean() ? target[1] : target[1] + 1;
        boolean known = expected.stream().anyMatch(e -> e[1] == asked);
        assertThat(window.refuse(asked)).isEqualTo(known);
        expected.forEach(e -> {
          if (e[1] == asked) {
            e[2] = 1;
          }
        });
      }
      assertThat(window.size()).isEqualTo(expected.size());
    }
  }

  @Test
  void aNewConnectionNumbersTheWindowAgainInOrder() {
    SentWindow window = new SentWindow();
    for (int i = 1; i <= 3_000; i++) {
      window.add(line(i), 10L * i);
    }
    for (int i = 0; i < 1_000; i++) {
      window.removeFirst();
    }
    for (int i = 0; i < window.size(); i++) {
      window.renumber(i, i + 1);
    }
    assertThat(window.refuse(1)).isTrue();
    assertThat(window.firstRefused()).isTrue();
    assertThat(window.refuse(2_000)).isTrue();
    assertThat(window.refuse(2_001)).isFalse();
    assertThat(window.line(1_999).seq()).isEqualTo(3_000);
  }
}
