package io.tickmesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.itch.ItchChecks;
import io.tickmesh.feed.itch.ItchReference;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.ReferenceBars;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code tickmesh replay --format itch} from the jar: the fixture day's books built in the command and
 * their trades and quotes sent to a node's TCP feed give the reference's 1-minute bars and trades
 * ({@link ItchReference}, as in {@code ItchFeedIT}); a second identical replay is all duplicates, and so is
 * a replay to a node that read the same file through its own ITCH feed (same feed ids, same seqs).
 */
class ItchReplayIT {
  private static final List<String> SYMBOLS = List.of("ALC", "BOB", "CHAR");

  @Test
  void replayOfTheDayGivesTheReferenceBarsAndASecondReplayIsAllDuplicates() throws Exception {
    ItchReference ref = ItchReference.of(ItchChecks.DAY);
    try (InProcessNode node = InProcessNode.start(Map.of())) {
      CliRun first = replay(node.feedPort());
      assertThat(first.exit()).as(first.output()).isZero();
      assertThat(first.output()).contains(String.format("12,012 messages read, %,d trades (itch:ex20101224:trades)", ref.trades.size()))
          .contains(String.format("%,d messages refused by the books (not sent)", ref.refused.size()))
          .contains("refused: ITCH message " + ref.refused.keySet().iterator().next() + ": ")
          .contains("the node refused 0 of the lines sent");
      JsonObject stats = node.http().awaitStats(s -> s.getLong("pendingTicks") == 0, Duration.ofSeconds(30));
      assertThat(stats.getLong("ticksRejected")).isZero();
      ReferenceBars.assertMinuteBars(node.http(), SYMBOLS, ItchChecks.trades(ref));

      CliRun again = replay(node.feedPort());
      assertThat(again.exit()).as(again.output()).isZero();
      long applied = stats.getLong("ticksApplied");
      assertThat(again.output()).contains(String.format("the node refused %,d of the lines sent (%,d as duplicates", applied, applied));
      assertThat(node.http().stats().getLong("ticksApplied")).isEqualTo(applied);
      ReferenceBars.assertMinuteBars(node.http(), SYMBOLS, ItchChecks.trades(ref));
    }
  }

  @Test
  void aReplayOfTheFileANodeFeedReadIsAllDuplicates() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of("itch.file", ItchChecks.DAY.toString()))) {
      ItchChecks.awaitEnded(node.http(), Duration.ofMinutes(2));
      long applied = node.http().stats().getLong("ticksApplied");
      CliRun replay = replay(node.feedPort());
      assertThat(replay.exit()).as(replay.output()).isZero();
      assertThat(replay.output()).contains(String.format("sent %,d lines", applied))
          .contains(String.format("the node refused %,d of the lines sent (%,d as duplicates", applied, applied));
      assertThat(node.http().stats().getLong("ticksApplied")).isEqualTo(applied);
    }
  }

  @Test
  void optionsThatDoNotFitTheFormatExitTwo() throws Exception {
    Path undated = Files.copy(ItchChecks.DAY, Files.createTempDirectory("itch").resolve("day.ITCH_50"));
    List<List<String>> cases = List.of(
        List.of("replay", ItchChecks.DAY.toString(), "--format", "itch", "--feed", "x", "--to", "127.0.0.1:1"),
        List.of("replay", undated.toString(), "--format", "itch", "--to", "127.0.0.1:1"),
        List.of("replay", ItchChecks.DAY.toString(), "--format", "itch", "--time-zone", "Mars/Olympus", "--to", "127.0.0.1:1"),
        List.of("replay", ItchChecks.DAY.toString(), "--session", "s", "--to", "127.0.0.1:1"));
    List<String> said = List.of("--feed does not apply to --format itch", "holds no yyyyMMdd date (see --session, --date",
        "Mars/Olympus", "--session and --date are for --format itch");
    for (int i = 0; i < cases.size(); i++) {
      CliRun r = CliRun.of(cases.get(i));
      assertThat(r.exit()).as(r.output()).isEqualTo(2);
      assertThat(r.output()).contains(said.get(i));
    }
  }

  private static CliRun replay(int port) throws Exception {
    return CliRun.of(List.of("replay", ItchChecks.DAY.toString(), "--format", "itch", "--to", "127.0.0.1:" + port, "--quiet"));
  }
}
