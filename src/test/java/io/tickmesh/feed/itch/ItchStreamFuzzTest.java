package io.tickmesh.feed.itch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickmesh.testing.Chunks;

/**
 * Fuzzes an ITCH 5.0 BinaryFILE stream through the framer into the books, read in chunks of any size:
 * every message is applied or refused with a reason, every one numbered, and nothing throws (see
 * {@link BooksUnderFuzz}). The seeds are slices of the fixture day and hand-made messages of the types it
 * lacks.
 */
class ItchStreamFuzzTest {
  @FuzzTest
  void anyStreamIsMessagesTicksAndRejects(FuzzedDataProvider data) {
    int chunk = data.consumeInt(1, 4096);
    byte[] stream = data.consumeRemainingAsBytes();
    BooksUnderFuzz books = new BooksUnderFuzz();
    ItchFramer framer = new ItchFramer();
    Chunks.feed(stream, chunk, (b, off, len) -> framer.feed(b, off, len, books));
    framer.end(books);
    assertThat(books.lastSeq()).isEqualTo(framer.lastSeq());
  }
}
