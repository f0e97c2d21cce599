package io.tickmesh.api;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.BarInterval;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.MimeMapping;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.charset.Charset;

/**
 * The live dashboard at {@code /}: its page, script and styles from {@code webroot/} on the classpath,
 * the browser libraries it uses (ECharts, sockjs-client) from their WebJars at {@code /webjars/}, and
 * {@code /dashboard.json}, the settings the page needs (the bar intervals, whether to look for order
 * books). Everything comes from the jar:
 * the page needs no network beyond the node. The files are read asynchronously by vertx-web.
 */
final class DashboardRoutes {
  /** WebJar paths carry their version, so a browser may keep them. */
  private static final long WEBJAR_MAX_AGE_SECONDS = 7 * 86_400;

  private DashboardRoutes() {}

  /** Adds the dashboard's routes; call it after the API's routes, which take precedence. */
  static void mount(Router router, TickmeshConfig config, Replies replies) {
    JsonObject settings = new JsonObject()
        .put("intervals", new JsonArray(config.bars().intervals().stream().map(BarInterval::label).toList()))
        .put("shards", config.shards().count())
        // only the node that reads an ITCH feed shows its books: elsewhere every symbol's book would be a 404,
        // which a browser logs as an error however quietly the page takes it
        .put("books", config.itch().enabled());
    router.route("/dashboard.json").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> replies.json(ctx, 200, settings));
    router.route("/*").method(HttpMethod.HEAD).handler(DashboardRoutes::headContentType);
    router.route("/webjars/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(WEBJAR_MAX_AGE_SECONDS));
    // The page itself is not cached, so a new jar's dashboard shows on the next load.
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("webroot").setCachingEnabled(false));
  }

  /**
   * vertx-web's StaticHandler (5.0) answers HEAD without the Content-Type it gives GET: this sets it the
   * way StaticHandler does for GET, from the file's name ({@code index.html} for a directory), as the head
   * is written, unless the answer has one already (a JSON 404, say).
   */
  private static void headContentType(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String type = MimeMapping.mimeTypeForFilename(path.endsWith("/") ? path + "index.html" : path);
    var unused = ctx.addHeadersEndHandler(v -> {
      if (type != null && ctx.response().getStatusCode() == 200 && !ctx.response().headers().contains(HttpHeaders.CONTENT_TYPE)) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE,
            type.startsWith("text") ? type + ";charset=" + Charset.defaultCharset().name() : type);
      }
    });
    ctx.next();
  }
}
