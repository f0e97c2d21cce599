package io.tickmesh.feed.itch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The directory side of a session: R, H, Y, h per instrument; V and W on every instrument listed. */
class ItchDirectoryTest {
  @Test
  void keepsWhatTheSessionSaysOfEachInstrument() {
    ItchDirectory d = new ItchDirectory();
    assertThat(d.apply(message('R', 7, "ABC", "NG\0\0\0\144NCZ PNN1N\0\0\0\0N"), 0)).isNull();
    assertThat(d.apply(message('H', 7, "ABC", "H LUDP"), 0)).isNull();
    assertThat(d.apply(message('Y', 7, "ABC", "1"), 0)).isNull();
    Map<String, Map<String, String>> first = d.takeChanged();
    assertThat(first).containsOnlyKeys("ABC");
    assertThat(first.get("ABC")).containsEntry("marketCategory", "N").containsEntry("financialStatus", "G")
        .containsEntry("roundLotSize", "100").containsEntry("issueSubType", "Z").containsEntry("tradingState", "H")
        .containsEntry("tradingReason", "LUDP").containsEntry("regSho", "1");
    assertThat(d.tradingState("ABC")).isEqualTo('H');
    assertThat(d.listed(7)).isEqualTo("ABC");
    assertThat(d.lists("ABC")).isTrue();
    assertThat(d.takeChanged()).as("taken once").isEmpty();

    byte[] levels = new byte[35];
    levels[0] = 'V';
    levels[17] = 1; // level 1: 256 / 10^8
    assertThat(d.apply(levels, 0)).isNull();
    byte[] breach = new byte[12];
    breach[0] = 'W';
    breach[11] = '2';
    assertThat(d.apply(breach, 0)).isNull();
    assertThat(d.takeChanged().get("ABC")).containsEntry("mwcbLevel1", "0.00000256").containsEntry("mwcbLevel2", "0")
        .containsEntry("mwcbBreached", "2").containsEntry("regSho", "1");
  }

  @Test
  void onlyTheStockDirectoryListsAnInstrument() {
    ItchDirectory d = new ItchDirectory();
    assertThat(d.apply(message('H', 3, "XYZ", "T     "), 0)).isNull();
    assertThat(d.lists("XYZ")).as("a trading action alone does not list it").isFalse();
    assertThat(d.apply(message('R', 3, "XYZ", "NG\0\0\0\144NCZ PNN1N\0\0\0\0N"), 0)).isNull();
    assertThat(d.lists("XYZ")).isTrue();
  }

  @Test
  void anUnreadableSymbolIsRefused() {
    ItchDirectory d = new ItchDirectory();
    assertThat(d.apply(message('Y', 1, "\u0001BC", "0"), 0)).isEqualTo("Reg SHO restriction with an unreadable symbol");
    assertThat(d.apply(message('R', 1, "        ", "NG\0\0\0\144NCZ PNN1N\0\0\0\0N"), 0)).isEqualTo("stock directory entry with an unreadable symbol");
    assertThat(d.takeChanged()).isEmpty();
  }

  /** A message of {@code type}: header with {@code locate}, the 8-byte symbol, then {@code rest} (ISO-8859-1 bytes). */
  private static byte[] message(char type, int locate, String symbol, String rest) {
    byte[] b = new byte[ItchLayout.length((byte) type)];
    b[0] = (byte) type;
    b[2] = (byte) locate;
    byte[] sym = String.format("%-8s", symbol).getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(sym, 0, b, ItchLayout.BODY, 8);
    byte[] tail = rest.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(tail, 0, b, ItchLayout.BODY + 8, tail.length);
    return b;
  }
}
