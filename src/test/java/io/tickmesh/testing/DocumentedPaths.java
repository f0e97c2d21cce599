package io.tickmesh.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The OpenAPI document a node serves, and its paths made into requests with the documented examples. */
public final class DocumentedPaths {
  private DocumentedPaths() {}

  /** Parses the YAML of {@code GET /openapi.yaml}. */
  public static JsonObject parse(String yaml) {
    Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return new JsonObject(map);
  }

  /** {@code path} with each path parameter replaced by its documented example, URL-encoded. */
  public static String withExamples(JsonObject document, String path, JsonObject operation) {
    String out = path;
    for (Object p : operation.getJsonArray("parameters", new JsonArray())) {
      JsonObject parameter = resolve(document, (JsonObject) p);
      if (parameter.getString("in").equals("path")) {
        String example = parameter.getString("example");
        if (example == null) {
          throw new AssertionError("no example of path parameter " + parameter.getString("name"));
        }
        out = out.replace("{" + parameter.getString("name") + "}", enc(example));
      }
    }
    return out;
  }

  /** {@code text} encoded for a URL, a space as {@code %20}. */
  public static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static JsonObject resolve(JsonObject document, JsonObject maybeRef) {
    String ref = maybeRef.getString("$ref");
    if (ref == null) {
      return maybeRef;
    }
    JsonObject target = document;
    for (String part : ref.substring(2).split("/")) {
      target = target.getJsonObject(part);
    }
    return target;
  }
}
