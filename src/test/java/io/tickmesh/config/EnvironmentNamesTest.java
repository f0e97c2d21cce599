package io.tickmesh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentNamesTest {

  @Test
  void dotsBecomeUnderscores() {
    assertThat(EnvironmentNames.variablesOf(ConfigKeys.FEED_TCP_PORT)).containsExactly("TICKMESH_FEED_TCP_PORT");
    assertThat(EnvironmentNames.variablesOf(ConfigKeys.HTTP_PORT)).containsExactly("TICKMESH_HTTP_PORT");
  }

  @Test
  void camelCaseMayBeSplitOrNot() {
    assertThat(EnvironmentNames.variablesOf(ConfigKeys.SIM_RATE_PER_SEC))
        .containsExactly("TICKMESH_SIM_RATE_PER_SEC", "TICKMESH_SIM_RATEPERSEC");
    assertThat(EnvironmentNames.variablesOf(ConfigKeys.NODE_SHUTDOWN_TIMEOUT_MS))
        .containsExactly("TICKMESH_NODE_SHUTDOWN_TIMEOUT_MS", "TICKMESH_NODE_SHUTDOWNTIMEOUTMS");
  }

  @Test
  void everySpellingSetsTheKeyIgnoringCase() {
    for (String variable :
        new String[] {"TICKMESH_SIM_RATEPERSEC", "TICKMESH_SIM_RATE_PER_SEC", "tickmesh_sim_ratePerSec"}) {
      ConfigLayer layer = EnvironmentNames.layer(Map.of(variable, "77", "PATH", "/bin"));
      assertThat(layer.entries())
          .containsExactly(new ConfigLayer.Entry(ConfigKeys.SIM_RATE_PER_SEC, "77", "environment " + variable));
    }
  }

  @Test
  void otherVariablesAreNotRead() {
    assertThat(EnvironmentNames.layer(Map.of("PATH", "/bin", "TICKMESHX", "1", "MY_TICKMESH_PORT", "1")).entries())
        .isEmpty();
  }

  @Test
  void unknownVariablesAreRefusedWithASuggestion() {
    assertThatThrownBy(() -> EnvironmentNames.layer(Map.of("TICKMESH_HTP_PORT", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown config key 'htp.port' in environment TICKMESH_HTP_PORT"
            + " (did you mean TICKMESH_HTTP_PORT?)");
    assertThatThrownBy(() -> EnvironmentNames.layer(Map.of("TICKMESH_SIM_RATE_PER_SECS", "1")))
        .hasMessageEndingWith("(did you mean TICKMESH_SIM_RATE_PER_SEC?)");
    assertThatThrownBy(() -> EnvironmentNames.layer(Map.of("TICKMESH_HOME", "/opt/tickmesh")))
        .hasMessage("unknown config key 'home' in environment TICKMESH_HOME");
  }

  @Test
  void aKeySetByTwoVariablesIsRefused() {
    assertThatThrownBy(
            () -> EnvironmentNames.layer(Map.of("TICKMESH_SIM_RATEPERSEC", "1", "TICKMESH_SIM_RATE_PER_SEC", "2")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config key 'sim.ratePerSec' is given twice in the environment:"
            + " TICKMESH_SIM_RATEPERSEC and TICKMESH_SIM_RATE_PER_SEC");
  }
}
