package io.tickmesh.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystemException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML config file through vertx-config (file store, yaml format): the file is read
 * asynchronously and parsed on a worker, so no event loop blocks. Failures become a
 * {@link ConfigException} naming the file, with the parser's reason on one line.
 */
final class YamlConfigFile {
  private YamlConfigFile() {}

  /** The layer {@code file} sets; fails if it is missing, unreadable, not YAML, or has unknown keys. */
  static Future<ConfigLayer> read(Vertx vertx, Path file) {
    String shown = file.toString();
    ConfigStoreOptions store =
        new ConfigStoreOptions()
            .setType("file")
            .setFormat("yaml")
            .setConfig(new JsonObject().put("path", file.toAbsolutePath().toString()));
    ConfigRetriever retriever =
        ConfigRetriever.create(
            vertx,
            new ConfigRetrieverOptions().setIncludeDefaultStores(false).setScanPeriod(0).addStore(store));
    return retriever
        .getConfig()
        .eventually(retriever::close)
        .recover(failure -> emptyDocument(failure)
            ? Future.succeededFuture(new JsonObject())
            : Future.failedFuture(describe(failure, shown)))
        .map(document -> ConfigLayer.fromYaml(document, shown));
  }

  /**
   * vertx-config-yaml 5.0.8 turns a document without content (only comments, or empty apart from
   * {@code ---}) into a null object, on which the retriever's merge fails with this exception.
   */
  private static boolean emptyDocument(Throwable failure) {
    return failure instanceof NullPointerException;
  }

  private static ConfigException describe(Throwable failure, String file) {
    if (failure instanceof FileSystemException && failure.getCause() instanceof NoSuchFileException) {
      return new ConfigException("config file not found: " + file, failure);
    }
    if (failure instanceof FileSystemException) {
      return new ConfigException("cannot read config file " + file + ": " + reason(failure), failure);
    }
    if (failure instanceof DecodeException) {
      return new ConfigException(
          "config file " + file + " is not valid: its top level must be keys with values", failure);
    }
    return new ConfigException("config file " + file + " is not valid YAML: " + reason(failure), failure);
  }

  /** The reason of {@code failure} on one line: a parser's problem and where, or the first line. */
  private static String reason(Throwable failure) {
    if (failure instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
      String context =
          yaml.getContext() == null ? "" : ", " + oneLine(yaml.getContext()) + at(yaml.getContextMark());
      return oneLine(yaml.getProblem()) + at(yaml.getProblemMark()) + context;
    }
    Throwable cause =
        failure instanceof FileSystemException && failure.getCause() != null ? failure.getCause() : failure;
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return oneLine(message.lines().findFirst().orElse(message));
  }

  private static String at(Mark mark) {
    return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }
}
