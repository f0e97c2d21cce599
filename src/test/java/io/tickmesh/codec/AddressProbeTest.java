package io.tickmesh.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.BarInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A probe finds in a map of address strings exactly what its address string would find. */
class AddressProbeTest {
  @Test
  void itsHashIsTheAddressStringsAndItEqualsOnlyThatString() {
    Random random = new Random(5);
    List<AddressProbe> probes = List.of(Addresses.tradesProbe(), Addresses.quotesProbe(),
        Addresses.barsProbe(BarInterval.parse("1s")), Addresses.barsProbe(BarInterval.parse("15m")));
    for (int i = 0; i < 10_000; i++) {
      String symbol = randomSymbol(random);
      for (AddressProbe probe : probes) {
        String address = probe.of(symbol).toString();
        assertThat(probe.hashCode()).as(address).isEqualTo(address.hashCode());
        assertThat(probe.equals(address)).isTrue();
        assertThat(probe.equals(address + "X")).isFalse();
        assertThat(probe.equals(address.substring(1))).isFalse();
        assertThat(probe.equals(address.substring(0, address.length() - 1) + "\u00e9")).isFalse();
      }
    }
    assertThat(Addresses.barsProbe(BarInterval.parse("1s")).of("AAPL").toString()).isEqualTo(Addresses.bars(BarInterval.parse("1s"), "AAPL"));
    assertThat(Addresses.tradesProbe().of("AAPL").toString()).isEqualTo(Addresses.trades("AAPL"));
    assertThat(Addresses.quotesProbe().of("AAPL").toString()).isEqualTo(Addresses.quotes("AAPL"));
  }

  /**
   * "Aa" and "BB" hash alike, so symbols made of them collide: enough of them turn a bin of the map into
   * a tree, which a lookup walks differently. Present and absent symbols, both ways of asking, agree.
   */
  @Test
  void aMapFindsTheSameWithTheProbeAsWithTheString() {
    ConcurrentHashMap<String, Boolean> map = new ConcurrentHashMap<>();
    List<String> colliding = new ArrayList<>();
    for (int bits = 0; bits < 64; bits++) {
      StringBuilder sb = new StringBuilder();
      for (int b = 0; b < 6; b++) {
        sb.append((bits >> b & 1) == 0 ? "Aa" : "BB");
      }
      colliding.add(sb.toString());
    }
    Random random = new Random(9);
    List<String> present = new ArrayList<>();
    for (String symbol : colliding) {
      if (random.nextBoolean()) {
        present.add(symbol);
        map.put(Addresses.trades(symbol), true);
      }
    }
    for (int i = 0; i < 2_000; i++) {
      String symbol = randomSymbol(random);
      if (random.nextBoolean()) {
        present.add(symbol);
        map.put(Addresses.trades(symbol), true);
      }
      colliding.add(symbol);
    }
    map.put(Addresses.quotes("AaAaAaAaAaAa"), true);
    AddressProbe probe = Addresses.tradesProbe();
    Map<?, ?> asked = map; // as LocalConsumers holds Vert.x's map: keys of any type may be asked
    for (String symbol : colliding) {
      assertThat(asked.containsKey(probe.of(symbol))).as(symbol).isEqualTo(map.containsKey(Addresses.trades(symbol)));
    }
    assertThat(present).allSatisfy(symbol -> assertThat(asked.containsKey(probe.of(symbol))).isTrue());
  }

  private static String randomSymbol(Random random) {
    int n = 1 + random.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('A' + random.nextInt(26)));
    }
    if (random.nextInt(10) == 0) {
      sb.append(":BTC-USD"); // a venue's symbol
    }
    return sb.toString();
  }
}
