package dev.pulse.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every combination of the three switches (telemetry-enabled, -usage-enabled, -errors-enabled), each
 * unset, or set true/false by a flag, by an environment variable, or by a Helm-rendered value (Helm
 * renders global.telemetry.enabled and global.telemetry.usage.enabled into the same OTTERIZE_*
 * variables; errors have no Helm value), plus a flag and the environment disagreeing (the flag wins).
 */
class TelemetrySwitchesTest {

  /** How one switch is set in one case. */
  record Way(String label, String flag, String env) {
    static final Way UNSET = new Way("unset", null, null);

    boolean expected() {
      String winner = flag != null ? flag : env;
      return winner == null || Boolean.parseBoolean(winner);
    }
  }

  private static final SettingKey[] SWITCHES = {
    SettingKey.TELEMETRY_ENABLED, SettingKey.TELEMETRY_USAGE_ENABLED, SettingKey.TELEMETRY_ERRORS_ENABLED
  };

  static Stream<Arguments> everyCombination() {
    List<Arguments> cases = new ArrayList<>();
    for (Way e : ways(true)) {
      for (Way u : ways(true)) {
        for (Way r : ways(false)) {
          cases.add(Arguments.of(e, u, r));
        }
      }
    }
    return cases.stream();
  }

  private static List<Way> ways(boolean helm) {
    List<Way> ways = new ArrayList<>(List.of(
        Way.UNSET,
        new Way("flag=true", "true", null),
        new Way("flag=false", "false", null),
        new Way("env=true", null, "true"),
        new Way("env=false", null, "false"),
        new Way("flag=true,env=false", "true", "false"),
        new Way("flag=false,env=true", "false", "true")));
    if (helm) {
      // Helm renders booleans as "true"/"false" into the env var; a quoted value is the same text.
      ways.add(new Way("helm=false", null, "false"));
      ways.add(new Way("helm=true", null, "true"));
    }
    return ways;
  }

  @ParameterizedTest(name = "enabled {0}, usage {1}, errors {2}")
  @MethodSource("everyCombination")
  void usageAndErrorsFollowTheSwitches(Way enabled, Way usage, Way errors) {
    Way[] ways = {enabled, usage, errors};
    List<String> flags = new ArrayList<>();
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < SWITCHES.length; i++) {
      if (ways[i].flag() != null) {
        flags.add("--" + SWITCHES[i].key() + "=" + ways[i].flag());
      }
      if (ways[i].env() != null) {
        env.put(SWITCHES[i].environmentVariable("OTTERIZE_"), ways[i].env());
      }
    }

    TelemetrySettings s = new SettingsResolver()
        .flags(flags).environment(env).systemProperties(new Properties()).resolve();

    boolean e = enabled.expected();
    assertThat(s.enabled()).isEqualTo(e);
    assertThat(s.usageActive()).isEqualTo(e && usage.expected());
    assertThat(s.errorsActive()).isEqualTo(e && errors.expected());
    assertThat(s.anythingActive()).isEqualTo(e && (usage.expected() || errors.expected()));
  }
}
