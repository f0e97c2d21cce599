package io.tickmesh.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Mounts operations of the API document on a router, each behind a gate that checks the request against
 * the document before the operation's handler runs. The method and path of a route come from the
 * document, so an operation cannot be served under another path than the one documented; a GET operation
 * answers HEAD too (the document says so once). A request that
 * breaks the document is answered 400 {@code {"error","detail"}} naming the parameter: a query parameter
 * the operation does not list, a parameter given twice, or a value its schema refuses; an operation with a
 * body reads at most {@value #MAX_BODY_BYTES} bytes of it (413 past that) and checks it against its schema.
 *
 * <p>Why vertx-openapi's {@link RequestValidator} keyed by route rather than vertx-web-openapi-router's
 * RouterBuilder: the builder makes a router of its own that answers 503 for every documented operation
 * without a handler, yet {@code /metrics}, {@code /} and {@code /openapi.yaml} are documented and mounted
 * apart, unvalidated; and its request extractor URL-decodes query values a second time, so an offset
 * written {@code %2B01:00} would reach the validator as {@code " 01:00"}. Here the validator gets the
 * values vertx-web decoded once. The validator runs its schema checks on a worker (its own
 * {@code executeBlocking}), so the event loop only waits for a Future.
 */
final class ValidatedRoutes {
  /** The largest request body read (a PUT of one instrument needs far less). */
  static final long MAX_BODY_BYTES = 16_384;
  private final Router router;
  private final OpenAPIContract contract;
  private final RequestValidator validator;

  ValidatedRoutes(Vertx vertx, Router router, OpenAPIContract contract) {
    this.router = router;
    this.contract = contract;
    this.validator = RequestValidator.create(vertx, contract);
  }

  /** Serves operation {@code operationId} of the document with {@code handler}, validated first. */
  void mount(String operationId, Handler<RoutingContext> handler) {
    Operation operation = contract.operation(operationId);
    if (operation == null) {
      throw new IllegalArgumentException(ApiDocument.RESOURCE + " has no operation " + operationId);
    }
    Set<String> query = operation.getParameters().stream()
        .filter(p -> p.getIn() == Location.QUERY)
        .map(Parameter::getName)
        .collect(Collectors.toUnmodifiableSet());
    String path = operation.getOpenAPIPath().replaceAll("\\{([^}]+)}", ":$1");
    Route route = router.route(operation.getHttpMethod(), path);
    if (operation.getHttpMethod().equals(HttpMethod.GET)) {
      route.method(HttpMethod.HEAD); // answered as GET, without the body (Replies)
    }
    if (operation.getRequestBody() != null) {
      route.handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)); // larger: 413
    }
    route.handler(ctx -> validate(ctx, operation, query)).handler(handler);
  }

  private void validate(RoutingContext ctx, Operation operation, Set<String> query) {
    QueryParams.checkNames(ctx.queryParams(), query);
    validator.validate(new RouteRequest(ctx, operation), operation.getOperationId()).onComplete(r -> {
      if (r.succeeded()) {
        ctx.next();
      } else if (r.cause() instanceof ValidatorException e) {
        ctx.fail(new BadRequestException("bad parameter", e.getMessage()));
      } else {
        ctx.fail(r.cause());
      }
    });
  }

  /** The path and query parameters the operation declares, as vertx-web decoded them. */
  private static final class RouteRequest implements ValidatableRequest {
    private final Map<String, RequestParameter> path = new HashMap<>();
    private final Map<String, RequestParameter> query = new HashMap<>();
    private final Buffer body;
    private final String contentType;

    RouteRequest(RoutingContext ctx, Operation operation) {
      this.body = ctx.body() == null ? null : ctx.body().buffer();
      this.contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
      for (Parameter p : operation.getParameters()) {
        if (p.getIn() == Location.PATH) {
          String value = ctx.pathParam(p.getName());
          path.put(p.getName(), () -> value);
        } else if (p.getIn() == Location.QUERY) {
          String value = ctx.queryParams().get(p.getName());
          query.put(p.getName(), () -> value);
        }
      }
    }

    @Override
    public Map<String, RequestParameter> getPathParameters() {
      return path;
    }

    @Override
    public Map<String, RequestParameter> getQuery() {
      return query;
    }

    @Override
    public Map<String, RequestParameter> getCookies() {
      return Map.of();
    }

    @Override
    public Map<String, RequestParameter> getHeaders() {
      return Map.of();
    }

    @Override
    public RequestParameter getBody() {
      return body == null ? null : () -> body;
    }

    @Override
    public String getContentType() {
      return contentType;
    }
  }
}
