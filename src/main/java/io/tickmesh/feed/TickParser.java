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
 * or refuses it with a {@link TickFormatException} whose reason names the field at fault. Reads with
 * Jackson's streaming parser and takes decimals from the number's text, never through {@code double}.
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
