package io.tickmesh.model;

import java.util.List;

/** What a feed's own directory says of some instruments (an ITCH session's R, H, Y, V and W messages): their latest entries. */
public record ListedInstruments(String source, List<Instrument> instruments) {
  /** Copies the list. */
  public ListedInstruments {
    instruments = List.copyOf(instruments);
  }
}
