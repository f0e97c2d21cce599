package io.tickmesh.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a bridge client may subscribe to, and which outputs a lagging client gets only the latest of. */
class BridgeAddressesTest {
  @Test
  void theContractsOutputsAreOutboundAndNothingElse() {
    assertThat(BridgeAddresses.outbound("quotes.AAPL")).isTrue();
    assertThat(BridgeAddresses.outbound("trades.AAPL")).isTrue();
    assertThat(BridgeAddresses.outbound("bars.1m.AAPL")).isTrue();
    assertThat(BridgeAddresses.outbound("book.ALC")).isTrue();
    assertThat(BridgeAddresses.outbound("rejects")).isTrue();
    assertThat(BridgeAddresses.outbound("book.")).isFalse();
    assertThat(BridgeAddresses.outbound("book.A B")).isFalse();
    assertThat(BridgeAddresses.outbound("book.A".repeat(40))).isFalse();
    assertThat(BridgeAddresses.outbound("books.ALC")).isFalse();
    assertThat(BridgeAddresses.outbound("tm.itch.book")).isFalse();
  }

  @Test
  void quotesAndBooksAreWholeStatesTradesBarsAndRejectsAreNot() {
    assertThat(BridgeAddresses.wholeState("quotes.AAPL")).isTrue();
    assertThat(BridgeAddresses.wholeState("book.ALC")).isTrue();
    assertThat(BridgeAddresses.wholeState("trades.AAPL")).isFalse();
    assertThat(BridgeAddresses.wholeState("bars.1s.AAPL")).isFalse();
    assertThat(BridgeAddresses.wholeState("rejects")).isFalse();
  }
}
