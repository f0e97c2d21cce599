package io.tickmesh.api;

import io.tickmesh.model.BarInterval;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document of the HTTP API ({@code openapi.yaml} on the classpath) as this node serves it at
 * {@code GET /openapi.yaml} and validates requests against it: the resource with the node's
 * {@code bars.intervals} as the values of the {@code interval} parameter.
 *
 * <p>It is read from the classpath rather than through Vert.x's file resolver, which would prefer an
 * {@code openapi.yaml} in the working directory. Reading and parsing run on a worker.
 */
final class ApiDocument {
  /** The content type of the served document. */
  static final String MEDIA_TYPE = "application/yaml; charset=utf-8";
  /** Classpath resource of the document. */
  static final String RESOURCE = "openapi.yaml";
  /**
   * Response media types vertx-openapi 5.0 accepts in a contract; it refuses the whole contract for any
   * other (application/yaml, text/html), so those are left out of the validator's copy. Requests to
   * those operations are not validated anyway.
   */
  private static final Set<String> VALIDATOR_MEDIA_TYPES = Set.of("application/json", "text/plain");

  private final Buffer yaml;
  private final OpenAPIContract contract;

  private ApiDocument(Buffer yaml, OpenAPIContract contract) {
    this.yaml = yaml;
    this.contract = contract;
  }

  /** Loads the document with these intervals; fails if it is missing or not a valid contract. */
  static Future<ApiDocument> load(Vertx vertx, List<BarInterval> intervals) {
    return vertx.executeBlocking(() -> withIntervals(read(), intervals))
        .compose(json -> OpenAPIContract.from(vertx, forValidator(json))
            .map(contract -> new ApiDocument(Buffer.buffer(dump(json)), contract)));
  }

  /** The contract requests are validated against. */
  OpenAPIContract contract() {
    return contract;
  }

  /** The document as served at {@code /openapi.yaml}, of type {@link #MEDIA_TYPE}. */
  Buffer yaml() {
    return yaml;
  }

  private static JsonObject read() {
    try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return new JsonObject(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject withIntervals(JsonObject json, List<BarInterval> intervals) {
    List<String> labels = intervals.stream().map(BarInterval::label).toList(); // plain, for the YAML dump
    json.getJsonObject("components").getJsonObject("parameters").getJsonObject("interval").getJsonObject("schema")
        .put("enum", labels)
        .put("default", HistoryRoutes.defaultInterval(intervals).label());
    return json;
  }

  /** A copy of {@code json} without the response media types vertx-openapi refuses. */
  static JsonObject forValidator(JsonObject json) {
    JsonObject copy = json.copy();
    for (String path : copy.getJsonObject("paths").fieldNames()) {
      JsonObject operations = copy.getJsonObject("paths").getJsonObject(path);
      for (String method : operations.fieldNames()) {
        JsonObject responses = operations.getJsonObject(method).getJsonObject("responses");
        for (String status : responses.fieldNames()) {
          JsonObject content = responses.getJsonObject(status).getJsonObject("content");
          if (content != null) {
            content.fieldNames().removeIf(type -> !VALIDATOR_MEDIA_TYPES.contains(type));
          }
        }
      }
    }
    return copy;
  }

  private static String dump(JsonObject json) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(120);
    return new Yaml(options).dump(json.getMap()); // the map as read: plain maps, lists and scalars
  }
}
