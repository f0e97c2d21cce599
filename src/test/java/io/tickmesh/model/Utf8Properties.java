package io.tickmesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Utf8} agrees with the JDK's strict decoder (REPORT on malformed input) on random bytes. */
class Utf8Properties {
  @Property(tries = 5_000)
  void agreesWithTheJdkDecoder(@ForAll("lines") byte[] line) {
    assertThat(Utf8.firstInvalid(line, 0, line.length)).isEqualTo(jdkFirstInvalid(line));
  }

  @Property(tries = 1_000)
  void readsOnlyItsSlice(@ForAll("lines") byte[] line) {
    byte[] padded = new byte[line.length + 16];
    java.util.Arrays.fill(padded, (byte) 0xFF);
    System.arraycopy(line, 0, padded, 7, line.length);
    assertThat(Utf8.firstInvalid(padded, 7, line.length)).isEqualTo(jdkFirstInvalid(line));
  }

  /** Mostly ASCII with UTF-8 around the edges of the valid ranges, and now and then any byte at all. */
  @Provide
  Arbitrary<byte[]> lines() {
    Arbitrary<byte[]> ascii = Arbitraries.integers().between(0x20, 0x7E).map(c -> new byte[] {(byte) (int) c});
    Arbitrary<byte[]> codePoint = Arbitraries.oneOf(
        Arbitraries.integers().between(0x80, 0x10FFFF),
        Arbitraries.of(0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF))
        .filter(Character::isValidCodePoint)
        .filter(c -> c < 0xD800 || c > 0xDFFF)
        .map(c -> new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> suspect = Arbitraries.of(0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 0x8F, 0x90)
        .map(b -> new byte[] {(byte) (int) b});
    Arbitrary<byte[]> anyByte = Arbitraries.integers().between(0, 255).map(b -> new byte[] {(byte) (int) b});
    Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(20, ascii), net.jqwik.api.Tuple.of(4, codePoint),
        net.jqwik.api.Tuple.of(2, suspect), net.jqwik.api.Tuple.of(1, anyByte));
    return piece.list().ofMaxSize(40).map(pieces -> {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      pieces.forEach(out::writeBytes);
      return out.toByteArray();
    });
  }

  /** The JDK's answer: the position of the first malformed sequence, or -1. */
  private static int jdkFirstInvalid(byte[] line) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(line);
    CharBuffer out = CharBuffer.allocate(line.length * 2 + 2);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      return in.position();
    }
    result = decoder.flush(out);
    return result.isError() ? in.position() : -1;
  }
}
