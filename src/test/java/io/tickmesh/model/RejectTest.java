package io.tickmesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RejectTest {
  @Test
  void rawTextIsCutToItsLimitButNeverInsideASurrogatePair() {
    String clef = "\uD834\uDD1E"; // U+1D11E, two chars
    String cutInside = "x".repeat(Reject.MAX_RAW - 1) + clef + "tail";
    assertThat(new Reject("f", 1, 1, "bad", cutInside, 0).raw()).isEqualTo("x".repeat(Reject.MAX_RAW - 1));

    String cutAfter = "x".repeat(Reject.MAX_RAW - 2) + clef + "tail";
    assertThat(new Reject("f", 1, 1, "bad", cutAfter, 0).raw()).isEqualTo("x".repeat(Reject.MAX_RAW - 2) + clef);

    assertThat(new Reject("f", 1, 1, "bad", "short", 0).raw()).isEqualTo("short");
  }

  @Test
  void nulCharactersAreReplacedAndAReasonIsRequired() {
    Reject r = new Reject("f\u0000", 1, 1, "why\u0000", "a\u0000b", 0);
    assertThat(r.feed()).isEqualTo("f\uFFFD");
    assertThat(r.reason()).isEqualTo("why\uFFFD");
    assertThat(r.raw()).isEqualTo("a\uFFFDb");
    assertThatThrownBy(() -> new Reject("f", 1, 1, "", "x", 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
