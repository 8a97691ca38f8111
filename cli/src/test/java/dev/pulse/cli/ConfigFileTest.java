package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --config FILE}: the same keys as the flags and the environment; a flag beats the
 * environment, which beats the file, which beats the default. Seen through the data dir that
 * {@code pulse export} names when it finds no store there.
 */
class ConfigFileTest {

  @TempDir Path dir;

  @Test
  void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws Exception {
    Path config = Files.writeString(dir.resolve("pulse.properties"), "data-dir=from-file\nport=9090\n");
    String file = "--config=" + config;

    assertThat(exportLooksIn(Map.of())).isEqualTo("pulse-data");
    assertThat(exportLooksIn(Map.of(), file)).isEqualTo("from-file");
    assertThat(exportLooksIn(Map.of("PULSE_DATA_DIR", "from-env"), file)).isEqualTo("from-env");
    assertThat(exportLooksIn(Map.of("PULSE_DATA_DIR", "from-env"), file, "--data-dir", "from-flag"))
        .isEqualTo("from-flag");
  }

  @Test
  void anUnknownKeyIsRefusedByNameWithTheClosestKnownOne() throws Exception {
    Path config = Files.writeString(dir.resolve("pulse.properties"), "prot=9090\n");
    PulseRun run = PulseRun.runIn(dir, Map.of(), "serve", "--config", config.toString());
    assertTold(run, USAGE, "unknown key 'prot' in " + config + " (did you mean port?)");
  }

  @Test
  void aKeySetTwiceIsRefusedInsteadOfTheLastLineWinningSilently() throws Exception {
    Files.writeString(dir.resolve("pulse.properties"), "port=9090\ndata-dir=d\nport = 9091\n");
    PulseRun run = PulseRun.runIn(dir, Map.of(), "serve", "--config", "pulse.properties");
    assertTold(run, USAGE, "'port' is set more than once in pulse.properties: keep one line for it");
  }

  @Test
  void aMissingConfigFileIsAUsageError() throws Exception {
    PulseRun run = PulseRun.runIn(dir, Map.of(), "export", "events", "--config", "nowhere.properties");
    assertTold(run, USAGE, "nowhere.properties does not exist; give --config a file you may read");
  }

  @Test
  void aConfigFileThatIsNotUtf8TextIsAUsageErrorSayingSo() throws Exception {
    Files.write(dir.resolve("latin1.properties"), "data-dir=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    PulseRun run = PulseRun.runIn(dir, Map.of(), "export", "events", "--config", "latin1.properties");
    assertTold(run, USAGE, "the config file latin1.properties is not UTF-8 text: write it as lines of key=value");
  }

  @Test
  void aBadValueNamesTheFileOrVariableItCameFromAndAFlagsOwnBadValueNamesNothing() throws Exception {
    Files.writeString(dir.resolve("pulse.properties"), "min-free-disk=lots\n");

    PulseRun fromFile = PulseRun.runIn(dir, Map.of(), "import", "x.ndjson", "--kind", "events",
        "--config", "pulse.properties");
    PulseRun fromEnv = PulseRun.runIn(dir, Map.of("PULSE_MIN_FREE_DISK", "heaps"), "import", "x.ndjson",
        "--kind", "events");
    PulseRun fromFlag = PulseRun.runIn(dir, Map.of("PULSE_MIN_FREE_DISK", "heaps"), "import", "x.ndjson",
        "--kind", "events", "--min-free-disk=plenty");

    assertTold(fromFile, USAGE, "'lots' is not a size");
    assertThat(fromFile.output()).contains("(from 'min-free-disk' in the config file pulse.properties)");
    assertTold(fromEnv, USAGE, "'heaps' is not a size");
    assertThat(fromEnv.output()).contains("(from PULSE_MIN_FREE_DISK)");
    assertTold(fromFlag, USAGE, "'plenty' is not a size");
    assertThat(fromFlag.output()).doesNotContain("(from ");
  }

  @Test
  void aServerSettingWithoutAFlagIsNamedWhereItCameFrom() throws Exception {
    Files.writeString(dir.resolve("pulse.properties"), "retention-events-days=0\nidle-timeout-seconds=0\n");

    PulseRun fromFile = PulseRun.runIn(dir, Map.of(), "--config", "pulse.properties", "serve");
    PulseRun fromEnv = PulseRun.runIn(dir, Map.of("PULSE_RETENTION_EVENTS_DAYS", "0"), "serve");

    assertTold(fromFile, USAGE, "'retention-events-days' in the config file pulse.properties: retention of events"
        + " must be from 1 to");
    assertThat(fromFile.output()).doesNotContain("PULSE_RETENTION_EVENTS_DAYS");
    assertTold(fromEnv, USAGE, "PULSE_RETENTION_EVENTS_DAYS: retention of events must be from 1 to");
  }

  @Test
  void aContextKeyTooShortIsAUsageMistakeNamingWhereItCameFromToldBeforeAnythingIsOpened() throws Exception {
    Map<String, String> env = Map.of("PULSE_CONTEXT_KEY", "abc");
    Files.writeString(dir.resolve("pulse.properties"), "context-key=abc\n");

    PulseRun serve = PulseRun.runIn(dir, env, "serve", "--port", "0", "--data-dir", "data");
    PulseRun purge = PulseRun.runIn(dir, env, "purge", "--context-id", "some-install", "--data-dir", "data");
    PulseRun fromFile = PulseRun.runIn(dir, Map.of(), "--config", "pulse.properties", "purge", "--context-id",
        "some-install", "--data-dir", "data");

    String told = "the context key must be at least 16 bytes, got 3 (hex digits count two to a byte); give the key the"
        + " servers of this store use";
    assertTold(serve, USAGE, "pulse serve: PULSE_CONTEXT_KEY: " + told);
    assertTold(purge, USAGE, "pulse purge: PULSE_CONTEXT_KEY: " + told);
    assertTold(fromFile, USAGE, "pulse purge: 'context-key' in the config file pulse.properties: " + told);
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aServeSettingRefusedAfterItWasReadIsNamedByTheVariableOrTheFlagThatGaveIt() throws Exception {
    PulseRun fromEnv = PulseRun.runIn(dir, Map.of("PULSE_PUBLIC_MIN_INSTALLS", "1"), "serve", "--public-stats",
        "--port", "0", "--data-dir", "data");
    PulseRun fromFlag = PulseRun.runIn(dir, Map.of(), "serve", "--public-stats", "--public-min-installs", "1",
        "--port", "0", "--data-dir", "data");
    PulseRun token = PulseRun.runIn(dir, Map.of("PULSE_ADMIN_TOKEN", "short"), "serve", "--port", "0",
        "--data-dir", "data");

    assertTold(fromEnv, USAGE, "pulse serve: PULSE_PUBLIC_MIN_INSTALLS must be at least 2 (a group of one install is"
        + " that install), got 1");
    assertTold(fromFlag, USAGE, "pulse serve: --public-min-installs must be at least 2");
    assertTold(token, USAGE, "pulse serve: PULSE_ADMIN_TOKEN must be at least 16 characters, got 5");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aPortSetByAKubernetesServiceLinkSaysWhereItCameFromAndWhatToDo() throws Exception {
    PulseRun run = PulseRun.runIn(dir, Map.of("PULSE_PORT", "tcp://10.96.0.12:8080"), "serve");

    assertTold(run, USAGE, "'tcp://10.96.0.12:8080' is not a port number");
    assertThat(run.output()).contains("(from PULSE_PORT)")
        .contains("Kubernetes sets PULSE_PORT so for a Service named pulse: set PULSE_PORT in the pod's env,"
            + " or enableServiceLinks: false.");
  }

  /** The data dir export reports holding no store, run in the empty temporary dir. */
  private String exportLooksIn(Map<String, String> env, String... extra) throws Exception {
    String[] args = new String[extra.length + 2];
    args[0] = "export";
    args[1] = "events";
    System.arraycopy(extra, 0, args, 2, extra.length);
    PulseRun run = PulseRun.runIn(dir, env, args);
    assertTold(run, USAGE, "holds no Pulse store");
    return run.output().replaceAll("(?s).*the data dir (\\S+) holds no Pulse store.*", "$1");
  }
}
