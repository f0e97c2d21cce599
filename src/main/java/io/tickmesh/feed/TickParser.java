package io.tickmesh.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.tickmesh.model.Tick;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Parses one JSON tick line (see DESIGN.md, "Tick input") into a {@code TradeTick} or {@code QuoteTick},
 * or refuses it with a {@link TickFormatException} whose reason names the field at fault. Takes decimals
 * from the number's text, never through {@code double}.
 *
 * <p>Two readers, one meaning. The common line (an object of known keys whose values are plain ASCII
 * strings, numbers or null) is read straight from its bytes ({@link #quick}); anything else, and every
 * line that is refused, is read (again) with Jackson's streaming parser, whose answer is the one given.
 * So a line is refused in Jackson's words, and the quick reader only ever accepts what Jackson's reader
 * accepts, as the same tick ({@code TickParserProperties} and the fuzz target check that). Jackson's
 * reader was 36 % of a node's event-loop samples under {@code bench}, an eighth of them creating its parser.
 * Not thread-safe: one per connection or file, used by one thread.
 */
public final class TickParser {
  /** Strict JSON: these are Jackson's defaults, spelled out because the contract depends on them. */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
          .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
          .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .disable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  private final TickFields fields;
  private final CharSlice text = new CharSlice();
  private final ByteSlice bytes = new ByteSlice();
  private TickField reading; // the field whose value is being read, for reasons about bad JSON

  /** A parser refusing ticks more than {@code maxClockSkewNanos} ahead of {@code wallClockNanos}. */
  public TickParser(LongSupplier wallClockNanos, long maxClockSkewNanos) {
    this.fields = new TickFields(wallClockNanos, maxClockSkewNanos);
  }

  /**
   * Parses the UTF-8 line {@code buf[off, off + len)}, refused first if it is not strict UTF-8; missing
   * identity comes from {@code defaults}.
   */
  public Tick parse(byte[] buf, int off, int len, FeedDefaults defaults) {
    FieldValues.checkUtf8(buf, off, len);
    Tick tick = quick(buf, off, len, defaults);
    return tick != null ? tick : parseWithJackson(buf, off, len, defaults);
  }

  /** The same line read with Jackson only: the reference for {@link #quick} (package-private for its tests). */
  Tick parseWithJackson(byte[] buf, int off, int len, FeedDefaults defaults) {
    FieldValues.checkUtf8(buf, off, len);
    fields.reset();
    reading = null;
    try (JsonParser p = JSON.createParser(buf, off, len)) {
      try {
        readObject(p);
      } catch (JsonProcessingException e) {
        throw fields.fail(badJsonIn(p) + "bad JSON: " + jacksonReason(e));
      }
    } catch (IOException e) { // closing a parser over a byte[]: not expected to fail
      throw fields.fail("bad JSON: " + jacksonReason(e));
    }
    return fields.build(defaults);
  }

  /**
   * The tick of the line {@code b[off, off + len)} if it is a plain one: a JSON object whose keys are tick
   * fields and whose values are strings of printable ASCII without escapes, numbers in JSON's grammar, or
   * null, with JSON whitespace between tokens. Null for any other line, and for one that any check refuses:
   * Jackson's reader then reads it and says why. Defaults are asked only when the tick is built, so a line
   * this gives up on has taken no seq.
   */
  private Tick quick(byte[] b, int off, int len, FeedDefaults defaults) {
    int end = off + len;
    int i = space(b, off, end);
    if (i >= end || b[i] != '{') {
      return null;
    }
    fields.reset();
    try {
      i = space(b, i + 1, end);
      if (i < end && b[i] == '}') {
        i++;
      } else {
        while (true) {
          if (i >= end || b[i] != '"') {
            return null;
          }
          int keyEnd = stringEnd(b, i + 1, end);
          TickField f = keyEnd < 0 ? null : TickField.byKey(b, i + 1, keyEnd - i - 1);
          if (f == null) {
            return null;
          }
          i = space(b, keyEnd + 1, end);
          if (i >= end || b[i] != ':') {
            return null;
          }
          i = space(b, i + 1, end);
          if (i >= end) {
            return null;
          }
          fields.key(f);
          byte c = b[i];
          if (c == '"') {
            int valueEnd = stringEnd(b, i + 1, end);
            if (valueEnd < 0 || f.integerOnly()) {
              return null;
            }
            fields.value(f, bytes.set(b, i + 1, valueEnd - i - 1), false);
            i = valueEnd + 1;
          } else if (c == '-' || (c >= '0' && c <= '9')) {
            int numberEnd = numberEnd(b, i, end);
            if (numberEnd < 0 || f.textOnly()) {
              return null;
            }
            fields.value(f, bytes.set(b, i, numberEnd - i), true);
            i = numberEnd;
          } else if (c == 'n' && end - i >= 4 && b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l') {
            i += 4; // null: absent
          } else {
            return null;
          }
          i = space(b, i, end);
          if (i < end && b[i] == ',') {
            i = space(b, i + 1, end);
          } else if (i < end && b[i] == '}') {
            i++;
            break;
          } else {
            return null;
          }
        }
      }
      return space(b, i, end) == end ? fields.build(defaults) : null;
    } catch (TickFormatException e) {
      return null; // refused: Jackson's reader reads the line again and says why, in its words
    }
  }

  /** The first index from {@code i} that is not JSON whitespace. */
  private static int space(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    return i;
  }

  /** The index of the quote closing a string whose text starts at {@code i}; -1 if it is not plain printable ASCII. */
  private static int stringEnd(byte[] b, int i, int end) {
    for (; i < end; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c < 0x20 || c == '\\') { // a control character, an escape, or a byte of a multi-byte character (negative)
        return -1;
      }
    }
    return -1;
  }

  /** The end of a number in JSON's grammar starting at {@code i}; -1 if it is not one. */
  private static int numberEnd(byte[] b, int i, int end) {
    if (b[i] == '-') {
      i++;
    }
    if (i >= end) {
      return -1;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      i = digits(b, i, end);
    } else {
      return -1;
    }
    if (i < end && b[i] == '.') {
      int from = i + 1;
      i = digits(b, from, end);
      if (i == from) {
        return -1;
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int from = i;
      i = digits(b, from, end);
      if (i == from) {
        return -1;
      }
    }
    return i;
  }

  private static int digits(byte[] b, int i, int end) {
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }

  /** {@code "px: "} if Jackson failed on the value of a known field, else nothing. */
  private String badJsonIn(JsonParser p) {
    if (reading != null) { // failed while we asked for the value's text
      return reading.key + ": ";
    }
    // Jackson reads a value together with its field name; if that failed, the name is current.
    String name = p.getParsingContext().getCurrentName();
    boolean valueOfName = p.currentToken() == JsonToken.FIELD_NAME && name != null;
    TickField f = valueOfName ? TickField.byKey(name) : null;
    return f == null ? "" : f.key + ": ";
  }

  private void readObject(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) {
      throw fields.fail(t == null ? "empty line: expected a JSON object" : "not a JSON object");
    }
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      readField(p);
    }
    // Jackson refuses anything but END_OBJECT here; the line must end with it.
    boolean trailing;
    try {
      trailing = p.nextToken() != null;
    } catch (JsonProcessingException e) {
      trailing = true;
    }
    if (trailing) {
      throw fields.fail("trailing content after the JSON object");
    }
  }

  private void readField(JsonParser p) throws IOException {
    String name = p.currentName();
    TickField f = TickField.byKey(name);
    if (f == null) {
      throw fields.fail("unknown field " + Reasons.quote(name));
    }
    fields.key(f);
    reading = f;
    JsonToken t = p.nextToken();
    switch (t) {
      case VALUE_STRING -> {
        if (f.integerOnly()) {
          throw fields.fail(f.key + ": expected a JSON integer, got a string");
        }
        fields.value(f, chars(p), false);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        if (f.textOnly()) {
          throw fields.fail(f.key + ": expected a string");
        }
        fields.value(f, chars(p), true);
      }
      case VALUE_NULL -> { } // absent
      default -> throw fields.fail(f.key + (f.textOnly() ? ": expected a string"
          : f.integerOnly() ? ": expected a JSON integer" : ": expected a string or number"));
    }
    reading = null;
  }

  /** The token's text as Jackson read it: for numbers their exact digits. */
  private CharSequence chars(JsonParser p) throws IOException {
    return text.set(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
  }

  /** Jackson's message, first line, without the source location it may embed. */
  static String jacksonReason(IOException e) {
    String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    int newline = m.indexOf('\n');
    if (newline >= 0) {
      m = m.substring(0, newline);
    }
    int source = m.indexOf("[Source:");
    if (source >= 0) {
      int open = m.lastIndexOf(" (", source);
      m = m.substring(0, open >= 0 ? open : source);
    }
    return m.length() <= 200 ? m.strip() : m.substring(0, 200) + "...";
  }
}
