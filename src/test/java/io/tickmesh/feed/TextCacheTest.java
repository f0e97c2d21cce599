package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parser's cache of symbols and feed ids: the same instance for the same text, never a wrong one. */
class TextCacheTest {
  @Test
  void theSameTextGetsTheSameStringAndOtherTextsNever() {
    TextCache cache = new TextCache();
    assertThat(cache.find("AAPL")).isNull();
    String aapl = cache.keep(new String("AAPL"));
    assertThat(cache.find(new StringBuilder("AAPL"))).isSameAs(aapl);
    assertThat(cache.find("AAPM")).isNull();
    assertThat(cache.find("AAP")).isNull();
    for (int i = 0; i < 20_000; i++) { // far more texts than slots: each found is equal to what was asked
      String s = "S" + i;
      String found = cache.find(s);
      assertThat(found == null || found.equals(s)).isTrue();
      var unused = cache.keep(s);
      assertThat(cache.find(new String(s))).isSameAs(s);
    }
  }
}
