package io.tickmesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstrumentsTest {
  private static final Instrument CENT = new Instrument("ABC", Decimals.parse("0.01"), "api", Map.of(), 1);
  private static final Instrument ANY_PRICE = new Instrument("FREE", 0, "itch:x", Map.of("marketCategory", "Q"), 3);

  @Test
  void offRequiredEverythingPasses() {
    assertThat(Instruments.ANY.check(trade("NOPE", "1.001"), false)).isNull();
  }

  @Test
  void requiredRefusesUnknownSymbolsAndOffTickPrices() {
    Instruments master = Instruments.required(Map.of("ABC", CENT, "FREE", ANY_PRICE));
    assertThat(master.check(trade("ABC", "10.01"), false)).isNull();
    assertThat(master.check(trade("ABC", "10.015"), false)).isEqualTo("price 10.015 of ABC is not a multiple of its tick size 0.01");
    assertThat(master.check(trade("FREE", "10.00001"), false)).isNull();
    assertThat(master.check(trade("NOPE", "1"), false)).startsWith("unknown instrument NOPE");
    assertThat(master.check(trade("NOPE", "1"), true)).as("listed by the feed's own directory").isNull();
    QuoteTick offBid = new QuoteTick("f", 1, "ABC", 0, Decimals.parse("9.999"), Decimals.ONE, Decimals.parse("10.01"), Decimals.ONE);
    assertThat(master.check(offBid, false)).startsWith("bid 9.999 of ABC");
  }

  @Test
  void snapshotsAreReplacedNotChanged() {
    Instruments before = Instruments.required(Map.of("ABC", CENT));
    Instruments after = before.with(List.of(ANY_PRICE));
    assertThat(before.get("FREE")).isNull();
    assertThat(after.get("FREE")).isEqualTo(ANY_PRICE);
    assertThat(after.replacedBy(List.of(ANY_PRICE)).get("ABC")).isNull();
  }

  @Test
  void aLateOlderVersionDoesNotUndoANewerOne() {
    Instruments master = Instruments.required(Map.of("ABC", CENT));
    Instrument older = new Instrument("ABC", Decimals.parse("0.05"), "api", Map.of(), 0);
    assertThat(master.with(List.of(older))).as("nothing changes: the very snapshot").isSameAs(master);
    assertThat(master.with(List.of(CENT))).isSameAs(master);
    Instrument newer = new Instrument("ABC", Decimals.parse("0.05"), "api", Map.of(), 2);
    assertThat(master.with(List.of(newer)).get("ABC")).isEqualTo(newer);
  }

  @Test
  void definitionsAreChecked() {
    assertThatThrownBy(() -> new Instrument("bad sym", 0, "api", Map.of(), 0)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new Instrument("A", -1, "api", Map.of(), 0)).hasMessageContaining("tickSize");
    assertThatThrownBy(() -> new Instrument("A", 0, "api", Map.of("k", "x".repeat(65)), 0)).hasMessageContaining("attribute");
    assertThat(CENT.sameDefinition(new Instrument("ABC", Decimals.parse("0.01"), "itch:y", Map.of(), 7))).isTrue();
  }

  private static TradeTick trade(String symbol, String px) {
    return new TradeTick("f", 1, symbol, 0, Decimals.parse(px), Decimals.ONE);
  }
}
