package io.tickmesh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickmesh.model.BarInterval;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TickmeshConfigTest {

  @Test
  void defaultsAreThoseOfTheContract() {
    TickmeshConfig c = TickmeshConfig.defaults();
    assertThat(c.node()).isEqualTo(new TickmeshConfig.Node(null, "0.0.0.0", null, 8000, true, 0));
    assertThat(c.http()).isEqualTo(new TickmeshConfig.Http(8080, 1000, 60_000, 64 << 20));
    assertThat(c.feed()).isEqualTo(
        new TickmeshConfig.Feed(7070, 2, 8192, 512, 65536, 5000, 60_000, 1000, 300_000, 1_000_000_000L, false));
    assertThat(c.bridge()).isEqualTo(
        new TickmeshConfig.Bridge(7071, 1 << 20, 64 << 10, 2000, 1000, 120_000, 65_536, 64 << 20));
    assertThat(c.db()).isEqualTo(new TickmeshConfig.Db(null, "data/pg", 6, 4, 64, 5000));
    assertThat(c.store()).isEqualTo(new TickmeshConfig.Store(true, true, 200, 20_000, 20, 500_000));
    assertThat(c.sim()).isEqualTo(new TickmeshConfig.Sim(true, 50, 2000, 42));
    assertThat(c.shards().count()).isEqualTo(64);
    assertThat(c.bars()).isEqualTo(new TickmeshConfig.Bars(intervals("1s", "1m"), 0, 1000, 1000));
    assertThat(c.publish()).isEqualTo(new TickmeshConfig.Publish(100, true));
    assertThat(c.cluster()).isEqualTo(new TickmeshConfig.Cluster(false, 1, "cluster/cluster-local.xml", "tickmesh"));
    assertThat(c.rejects().retain()).isEqualTo(10_000);
  }

  @Test
  void everyKeyReadsItsOwnField() {
    TickmeshConfig defaults = TickmeshConfig.defaults();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      assertThat((Object) key.getter().apply(defaults)).as(key.name()).isEqualTo(key.defaultValue());
    }
  }

  @Test
  void overridesMayBeTypedOrText() {
    TickmeshConfig c =
        TickmeshConfig.of(
            Map.of(
                "http.port", 0,
                "sim.enabled", false,
                "feed.tcp.port", "7000",
                "sim.seed", " -7 ",
                "publish.trades", "FALSE",
                "bars.intervals", "5m, 1s",
                "node.id", "node-1.a_b",
                "db.url", "postgresql://u:p@db:5432/tm"));
    assertThat(c.http().port()).isZero();
    assertThat(c.sim().enabled()).isFalse();
    assertThat(c.feed().tcpPort()).isEqualTo(7000);
    assertThat(c.sim().seed()).isEqualTo(-7);
    assertThat(c.publish().trades()).isFalse();
    assertThat(c.bars().intervals()).isEqualTo(intervals("1s", "5m"));
    assertThat(c.node().id()).isEqualTo("node-1.a_b");
    assertThat(c.db().url()).isEqualTo("postgresql://u:p@db:5432/tm");
    assertThat(c.shards().count()).isEqualTo(64);
  }

  @Test
  void intervalsMayBeAListOfTextOrOfIntervals() {
    assertThat(TickmeshConfig.of(Map.of("bars.intervals", List.of("1h", "1s", "1m"))).bars().intervals())
        .isEqualTo(intervals("1s", "1m", "1h"));
    assertThat(TickmeshConfig.of(Map.of("bars.intervals", intervals("1d", "5m"))).bars().intervals())
        .isEqualTo(intervals("5m", "1d"));
    assertThat(TickmeshConfig.of(Map.of("bars.intervals", new JsonArray().add("1m"))).bars().intervals())
        .isEqualTo(intervals("1m"));
  }

  @Test
  void anOptionalKeyGivenNullOrBlankIsUnset() {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("db.url", null);
    overrides.put("node.portsFile", " ");
    TickmeshConfig c = TickmeshConfig.of(overrides);
    assertThat(c.db().url()).isNull();
    assertThat(c.node().portsFile()).isNull();
  }

  @Test
  void wrongTypeNamesKeyOriginExpectationAndValue() {
    assertRefused(Map.of("http.port", "abc"),
        "config key 'http.port' (overrides): expected an integer between 0 and 65535, got 'abc'");
    assertRefused(Map.of("http.port", 80.5),
        "config key 'http.port' (overrides): expected an integer between 0 and 65535, got 80.5");
    assertRefused(Map.of("sim.enabled", "yes"),
        "config key 'sim.enabled' (overrides): expected true or false, got 'yes'");
    assertRefused(Map.of("node.id", 123),
        "config key 'node.id' (overrides): expected 1 to 64 characters of A-Za-z0-9._- (or unset),"
            + " got 123 (not text: quote it in YAML)");
  }

  @Test
  void outOfRangeValuesAreRefused() {
    assertRefused(Map.of("http.port", 70_000),
        "config key 'http.port' (overrides): expected an integer between 0 and 65535, got 70000");
    assertRefused(Map.of("feed.maxClockSkewMs", 31_536_000_001L),
        "config key 'feed.maxClockSkewMs' (overrides): expected an integer between 0 and 31536000000,"
            + " got 31536000001");
    assertRefused(Map.of("shards.count", "0"),
        "config key 'shards.count' (overrides): expected an integer between 1 and 4096, got '0'");
    assertRefused(Map.of("sim.seed", "9223372036854775808"),
        "config key 'sim.seed' (overrides): expected a 64-bit integer, got '9223372036854775808'");
    assertRefused(Map.of("node.id", "x".repeat(65)), "config key 'node.id' (overrides): expected 1 to 64");
    assertRefused(Map.of("node.id", "bad id"), "got 'bad id'");
    assertRefused(Map.of("node.host", ""), "config key 'node.host' (overrides): expected non-empty text, got ''");
    assertRefused(Map.of("itch.bookDepth", 1001),
        "config key 'itch.bookDepth' (overrides): expected an integer between 1 and 1000, got 1001");
  }

  @Test
  void badIntervalsAreRefused() {
    assertRefused(Map.of("bars.intervals", "1s,2x"), "got '1s,2x' ('2x' is not an interval between 1ms and 1d)");
    assertRefused(Map.of("bars.intervals", "1s,2d"), "('2d' is not an interval between 1ms and 1d)");
    assertRefused(Map.of("bars.intervals", "1s,,1m"), "('' is not an interval");
    assertRefused(Map.of("bars.intervals", "1m,60s"), "got '1m,60s' (1m and 60s are the same interval)");
    assertRefused(Map.of("bars.intervals", List.of("1s", "1s")), "(1s is given twice)");
    assertRefused(Map.of("bars.intervals", "1m,90s"), "got '1m,90s' (90s is not a whole multiple of the finest interval 1m)");
    assertRefused(Map.of("bars.intervals", ""), "config key 'bars.intervals' (overrides): expected a non-empty"
        + " list of distinct bar intervals such as 1s,1m,5m (each a number and a unit: ms, s, m, h or d),"
        + " got '' (the list is empty)");
    assertRefused(Map.of("bars.intervals", List.of()), "(the list is empty)");
  }

  @Test
  void maxPendingTicksMustHoldABatch() {
    assertRefused(Map.of("feed.maxPendingTicks", 100),
        "config key 'feed.maxPendingTicks' (overrides): expected at least feed.batchSize (512 from default),"
            + " got 100");
    assertThat(TickmeshConfig.of(Map.of("feed.batchSize", 65536)).feed().maxPendingTicks()).isEqualTo(65536);
  }

  @Test
  void dbUrlMustBePostgres() {
    assertRefused(Map.of("db.url", "mysql://db/tm"),
        "config key 'db.url' (overrides): expected a URL starting with postgresql:// or postgres://"
            + " (or unset), got 'mysql://db/tm'");
    assertThat(TickmeshConfig.of(Map.of("db.url", "postgres://db/tm")).db().url()).isEqualTo("postgres://db/tm");
  }

  @Test
  void unknownKeysAreRefusedWithASuggestion() {
    assertRefused(Map.of("htp.port", 1), "unknown config key 'htp.port' in overrides (did you mean 'http.port'?)");
    assertRefused(Map.of("HTTP.PORT", 1), "unknown config key 'HTTP.PORT' in overrides (did you mean 'http.port'?)");
    assertRefused(Map.of("http", 1), "unknown config key 'http' in overrides (did you mean 'http.port'?)");
    assertRefused(Map.of("colour", 1), "unknown config key 'colour' in overrides");
    assertThatThrownBy(() -> TickmeshConfig.of(Map.of("colour", 1))).message().doesNotContain("did you mean");
  }

  @Test
  void recordsCheckTheirFieldsToo() {
    assertThatThrownBy(() -> new TickmeshConfig.Http(-1, 1000, 0, 1 << 20))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config key 'http.port': expected an integer between 0 and 65535, got -1");
    assertThatThrownBy(() -> new TickmeshConfig.Feed(7070, 2, 8192, 512, 100, 5000, 0, 1, 0, 1, false))
        .hasMessage("config key 'feed.maxPendingTicks': expected at least feed.batchSize (512), got 100");
    assertThatThrownBy(() -> new TickmeshConfig.Db(null, null, 4, 4, 0, 5000))
        .hasMessage("config key 'db.dataDir': expected non-empty text, got nothing");
    assertThatThrownBy(() -> new TickmeshConfig.Bridge(0, 1 << 20, 4096, 1, 1, 0, 1024, 8192))
        .hasMessage("config key 'bridge.maxTotalQueueBytes': expected at least bridge.maxQueueBytes (1048576), got 8192");
    TickmeshConfig.Bars bars = new TickmeshConfig.Bars(intervals("1h", "1s"), 0, 0, 1);
    assertThat(bars.intervals()).isEqualTo(intervals("1s", "1h"));
    assertThatThrownBy(() -> bars.intervals().add(BarInterval.parse("1d")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void flatJsonHoldsEveryKeyAndMasksTheDatabasePassword() {
    TickmeshConfig c =
        TickmeshConfig.of(Map.of("db.url", "postgresql://tm:s3cret@db:5432/tm", "bars.intervals", "1m,5m"));
    JsonObject flat = c.toFlatJson();
    assertThat(flat.fieldNames()).containsExactlyElementsOf(ConfigKeys.ALL.stream().map(ConfigKey::name).toList());
    assertThat(flat.getString("db.url")).isEqualTo("postgresql://tm:***@db:5432/tm");
    assertThat(flat.getJsonArray("bars.intervals")).isEqualTo(new JsonArray().add("1m").add("5m"));
    assertThat(flat.getInteger("http.port")).isEqualTo(8080);
    assertThat(flat.getValue("node.id")).isNull();
    assertThat(flat.containsKey("node.id")).isTrue();
    String query = TickmeshConfig.of(Map.of("db.url", "postgres://db/tm?user=tm&password=s3cret&ssl=true"))
        .toFlatJson().getString("db.url");
    assertThat(query).isEqualTo("postgres://db/tm?user=tm&password=***&ssl=true");
  }

  @Test
  void flatJsonReadsBackToTheSameConfig() {
    TickmeshConfig c =
        TickmeshConfig.of(Map.of("http.port", 0, "bars.intervals", "1h,1s", "node.portsFile", "p.json",
            "sim.seed", Long.MIN_VALUE, "cluster.enabled", true));
    assertThat(TickmeshConfig.of(c.toFlatJson().getMap())).isEqualTo(c);
  }

  static List<BarInterval> intervals(String... labels) {
    return java.util.Arrays.stream(labels).map(BarInterval::parse).toList();
  }

  private static void assertRefused(Map<String, ?> overrides, String message) {
    assertThatThrownBy(() -> TickmeshConfig.of(overrides))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
