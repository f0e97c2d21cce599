package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickmesh.model.BarInterval;
import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes the checks of HTTP query parameters and path symbols: whatever names and values a request
 * carries, each parameter of the history and reject queries is read or refused with a
 * {@link BadRequestException} (answered 400 naming the parameter), never another exception.
 */
class QueryParamsFuzzTest {
  private static final Set<String> ALLOWED = Set.of("interval", "from", "to", "limit", "feed", "open");
  private static final String[] NAMES = {"interval", "from", "to", "limit", "feed", "open", "offset"};
  private static final List<BarInterval> INTERVALS = List.of(BarInterval.parse("1s"), BarInterval.parse("1m"));

  @FuzzTest
  void anyParametersAreReadOrRefused(FuzzedDataProvider data) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (int i = data.consumeInt(0, 4); i > 0; i--) {
      String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(16);
      params.add(name, data.consumeString(80));
    }
    try {
      assertThat(QueryParams.symbol(data.consumeString(40))).isNotEmpty();
      QueryParams q = new QueryParams(params, ALLOWED);
      assertThat(q.integer("limit", 1, 10_000, 100)).isBetween(1, 10_000);
      assertThat(q.interval("interval", INTERVALS, INTERVALS.get(0))).isIn(INTERVALS);
      String feed = q.feed("feed");
      assertThat(feed == null || feed.length() <= 64).isTrue();
      var unused = Arrays.asList(q.time("from"), q.time("to"), q.bool("open", false)); // read for their refusals
    } catch (BadRequestException e) {
      assertThat(e.error()).isNotBlank();
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
