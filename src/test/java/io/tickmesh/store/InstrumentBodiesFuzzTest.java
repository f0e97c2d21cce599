package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickmesh.model.Instrument;
import io.tickmesh.model.InvalidValueException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Fuzzes the body of {@code PUT /api/v1/instruments/{sym}}: bytes that are not a JSON object are refused
 * as the route refuses them (a {@link DecodeException} or {@link ClassCastException}, answered 400); a
 * JSON object is an instrument and a version, or an {@link InvalidValueException} with the reason the
 * instrument master answers 400 with. Nothing else is thrown.
 */
class InstrumentBodiesFuzzTest {
  @FuzzTest
  void anyBodyIsAnInstrumentOrRefused(byte[] body) {
    JsonObject json;
    try {
      json = Buffer.buffer(body).toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return;
    }
    if (json == null) {
      return; // the route answers 400: a JSON object is required
    }
    try {
      Instrument instrument = InstrumentBodies.definition(json);
      assertThat(InstrumentBodies.version(json)).isNotNegative();
      assertThat(instrument.source()).isEqualTo("api");
    } catch (InvalidValueException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
