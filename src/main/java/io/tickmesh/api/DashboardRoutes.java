package io.tickmesh.api;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.BarInterval;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The live dashboard at {@code /}: its page, script and styles from {@code webroot/} on the classpath,
 * the browser libraries it uses (ECharts, sockjs-client) from their WebJars at {@code /webjars/}, and
 * {@code /dashboard.json}, the settings the page needs (the bar intervals). Everything comes from the jar:
 * the page needs no network beyond the node. The files are read asynchronously by vertx-web.
 */
final class DashboardRoutes {
  /** WebJar paths carry their version, so a browser may keep them. */
  private static final long WEBJAR_MAX_AGE_SECONDS = 7 * 86_400;

  private DashboardRoutes() {}

  /** Adds the dashboard's routes; call it after the API's routes, which take precedence. */
  static void mount(Router router, TickmeshConfig config) {
    JsonObject settings = new JsonObject()
        .put("intervals", new JsonArray(config.bars().intervals().stream().map(BarInterval::label).toList()))
        .put("shards", config.shards().count());
    router.get("/dashboard.json").handler(ctx -> Replies.json(ctx, 200, settings));
    router.route("/webjars/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(WEBJAR_MAX_AGE_SECONDS));
    // The page itself is not cached, so a new jar's dashboard shows on the next load.
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("webroot").setCachingEnabled(false));
  }
}
