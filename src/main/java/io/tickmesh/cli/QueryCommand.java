package io.tickmesh.cli;

import io.tickmesh.config.HostPort;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tickmesh query WHAT [SYMBOL]}: asks a node's HTTP API and prints its JSON answer: {@code quote
 * AAPL}, {@code bars AAPL --interval 1m --limit 10}, {@code trades AAPL}, {@code symbols}, {@code stats},
 * {@code rejects}. A 4xx/5xx answer goes to stderr with exit code 1.
 */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Query a node's HTTP API: quote, bars, trades, symbols, stats, rejects, feeds.")
final class QueryCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "WHAT", description = "quote, bars, trades, symbols, stats, rejects or feeds.")
  String what;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SYMBOL", description = "The symbol, for quote, bars and trades.")
  String symbol;

  @Option(names = "--http", defaultValue = "localhost:8080", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
      description = "The node's HTTP API (default ${DEFAULT-VALUE}).")
  HostPort http;

  @Option(names = "--interval", description = "Bar interval, e.g. 1m.")
  String interval;

  @Option(names = "--from", description = "ISO-8601 start, e.g. 2026-11-24T14:00:00Z.")
  String from;

  @Option(names = "--to", description = "ISO-8601 end.")
  String to;

  @Option(names = "--limit", description = "Most rows (up to 10000).")
  Integer limit;

  @Option(names = "--include-open", description = "bars: append the bars still open, live from the shard.")
  boolean includeOpen;

  @Option(names = "--feed", paramLabel = "ID", description = "rejects: only those of this feed.")
  String feed;

  @Override
  public Integer call() throws Exception {
    String path = switch (what) {
      case "quote" -> "/api/v1/quotes/" + symbolPart();
      case "bars" -> "/api/v1/bars/" + symbolPart();
      case "trades" -> "/api/v1/trades/" + symbolPart();
      case "symbols" -> "/api/v1/symbols";
      case "stats" -> "/api/v1/stats";
      case "rejects" -> "/api/v1/rejects";
      case "feeds" -> "/api/v1/feeds";
      default -> null;
    };
    if (path == null || path.endsWith("/null")) {
      System.err.println("tickmesh query: expected quote SYM, bars SYM, trades SYM, symbols, stats, rejects or feeds");
      return 2;
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + http.host() + ":" + http.port() + path + query()))
        .timeout(Duration.ofSeconds(15)).GET().build();
    try {
      HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() >= 400) {
        System.err.println("HTTP " + answer.statusCode() + ": " + answer.body());
        return 1;
      }
      System.out.println(answer.body());
      return 0;
    } catch (java.io.IOException e) {
      System.err.println("tickmesh query: cannot reach http://" + http.host() + ":" + http.port() + " (" + e + ")");
      return 1;
    }
  }

  private String symbolPart() {
    return symbol == null ? "null" : URLEncoder.encode(symbol, StandardCharsets.UTF_8);
  }

  private String query() {
    List<String> params = new ArrayList<>();
    add(params, "interval", interval);
    add(params, "from", from);
    add(params, "to", to);
    add(params, "limit", limit == null ? null : limit.toString());
    add(params, "includeOpen", includeOpen ? "true" : null);
    add(params, "feed", feed);
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  private static void add(List<String> params, String name, String value) {
    if (value != null) {
      params.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
