package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The byte reader's key lookup names exactly the fields the text lookup does, and nothing else. */
class TickFieldTest {
  @Test
  void everyKeyIsFoundFromItsBytesAndNearMissesAreNot() {
    for (TickField f : TickField.values()) {
      String key = f.name().equals("BID_QTY") ? "bidQty" : f.name().equals("ASK_QTY") ? "askQty" : f.name().toLowerCase();
      assertThat(TickField.byKey(key)).isEqualTo(f);
      assertThat(lookUp(" " + key + "\"", 1, key.length())).as(key).isEqualTo(f);
    }
    for (String miss : new String[] {"", "t", "s", "tsx", "typ", "Type", "sy", "syn", "seqq", "se", "bidQtx", "askqty", "bi",
        "pxx", "q", "feeds", "fee", "x", "askQty2"}) {
      assertThat(lookUp("\"" + miss + "\"", 1, miss.length())).as("'%s'", miss).isNull();
      assertThat(TickField.byKey(miss)).as("'%s'", miss).isNull();
    }
  }

  private static TickField lookUp(String text, int off, int len) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return TickField.byKey(b, off, len);
  }
}
