package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.client.cli.QuietFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.context.PersistedContextId;
import dev.pulse.schema.Anonymizer;

/** {@code pulse status} run as a real process, with its own environment and config directory. */
class StatusCommandTest {

  @TempDir Path xdg;

  private Map<String, String> env(String... more) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("XDG_CONFIG_HOME", xdg.toString()));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void printsEverySettingWithItsSourceAndNamesRejectedValues() throws Exception {
    PulseRun run = PulseRun.run(env("HTTPS_PROXY", "http://proxy.corp:3128"), "status", "--telemetry-enabled=false",
        "--telemetry-max-batch-size=lots", "--api-address=https://pulse.example");

    assertThat(run.exitCode()).isZero();
    assertThat(run.output())
        .contains("Sends through the proxy proxy.corp:3128 (HTTPS_PROXY)")
        .containsPattern("telemetry-enabled\\s+false\\s+command-line flag \\(--telemetry-enabled=false\\)")
        .containsPattern("telemetry-interval-seconds\\s+5\\s+default")
        .contains("invalid value 'lots' for telemetry-max-batch-size")
        .contains("Telemetry: usage off, errors off");
  }

  @Test
  void aMistypedOptOutStillOptsOutAndIsNamed() throws Exception {
    PulseRun run = PulseRun.run(env("OTTERIZE_TELEMETRY_ENABLED", "disabled"), "status");

    assertThat(run.exitCode()).isZero();
    assertThat(run.output())
        .contains("Telemetry: usage off, errors off")
        .containsPattern("telemetry-enabled\\s+false\\s+environment variable \\(OTTERIZE_TELEMETRY_ENABLED\\)")
        .contains("invalid value 'disabled' for telemetry-enabled", "taken as false, as only true turns it on");
  }

  @Test
  void withDoNotTrackStatusCreatesNoFileAndSaysWhatTheIdWouldBeDerivedFrom() throws Exception {
    PulseRun run = PulseRun.run(env("DO_NOT_TRACK", "1"), "status");

    assertThat(run.exitCode()).isZero();
    assertThat(run.output())
        .contains("Telemetry: usage off, errors off")
        .containsPattern("contextId\\s+none: telemetry is off, so nothing is read or created")
        .contains("random id kept in " + xdg.resolve("pulse").resolve(PersistedContextId.FILE_NAME));
    try (var files = Files.list(xdg)) {
      assertThat(files).as("files under XDG_CONFIG_HOME").isEmpty();
    }
  }

  @Test
  void showsTheKeptContextIdAndNeverCreatesOne() throws Exception {
    PulseRun before = PulseRun.run(env(), "status");
    assertThat(before.output()).contains("not created yet: a component keeps a random id in");
    assertThat(xdg.resolve("pulse")).doesNotExist();

    Files.createDirectories(xdg.resolve("pulse"));
    String uuid = "0b7c4f3e-6a51-4c0e-9d9a-3a5f1f0c2b11";
    Files.writeString(xdg.resolve("pulse").resolve(PersistedContextId.FILE_NAME), uuid + "\n");
    PulseRun after = PulseRun.run(env(), "status");

    assertThat(after.output()).containsPattern("contextId\\s+" + Anonymizer.create().anonymize(uuid)
        + " \\(per-user id kept in ");
  }

  @Test
  void namesTheClosestSettingForTyposInFlagsAndEnvironmentAndHonoursAMisspeltOptOut() throws Exception {
    PulseRun run = PulseRun.run(env("OTTERIZE_TELEMETRY_USAGE_ENABLD", "false"),
        "status", "--telemetry-enabeld=false", "--api-adress=http://pulse.example", "--telemetry-client-id=ci");

    assertThat(run.exitCode()).isZero();
    assertThat(run.output())
        .contains("Telemetry: usage off, errors off")
        .contains("unknown flag --telemetry-enabeld=false is taken as telemetry-enabled=false;"
            + " did you mean --telemetry-enabled?")
        .contains("unknown flag --api-adress=http://pulse.example is ignored; did you mean --api-address?")
        // Not --telemetry-client-timeout, the nearest in letters: the flag of the setting behind the prefix.
        .contains("unknown flag --telemetry-client-id=ci is ignored; did you mean --client-id?")
        .contains("unknown environment variable OTTERIZE_TELEMETRY_USAGE_ENABLD is taken as"
            + " telemetry-usage-enabled=false; did you mean OTTERIZE_TELEMETRY_USAGE_ENABLED?");
  }

  @Test
  void whatIsNeitherAnOptionNorATelemetrySettingIsAUsageMistakeNotIgnored() throws Exception {
    PulseRun status = PulseRun.run(env(), "status", "--telemetry-enabled", "false", "--jsn");
    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(status.output())
        .startsWith("pulse status: unknown option '--jsn' (did you mean --json?)")
        .doesNotContain("Telemetry:");

    PulseRun word = PulseRun.run(env(), "status", "report");
    assertThat(word.exitCode()).isEqualTo(2);
    assertThat(word.output()).startsWith("pulse status: unexpected argument 'report'");

    PulseRun sendTest = PulseRun.run(env(), "send-test", "--api-address", "http://127.0.0.1:9", "--bogus");
    assertThat(sendTest.exitCode()).isEqualTo(2);
    assertThat(sendTest.output())
        .startsWith("pulse send-test: unknown option '--bogus'")
        .doesNotContain("delivered");
  }

  @Test
  void jsonGivesTheSameFactsMachineReadably() throws Exception {
    PulseRun run = PulseRun.run(env("OTTERIZE_API_ADDRESS", "http://pulse.example:8080"),
        "status", "--json", "--telemetry-max-batch-size=lots", "--telemetry-debgu");

    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.output());
    assertThat(json.get("usage").asBoolean()).isTrue();
    assertThat(json.get("endpoint").asText()).isEqualTo("http://pulse.example:8080/telemetry/query");
    JsonNode address = setting(json, "api-address");
    assertThat(address.get("source").asText()).isEqualTo("environment");
    assertThat(address.get("origin").asText()).isEqualTo("OTTERIZE_API_ADDRESS");
    assertThat(setting(json, "telemetry-max-batch-size").get("problem").asText()).contains("invalid value 'lots'");
    assertThat(json.get("warnings").get(0).asText()).contains("did you mean --telemetry-debug?");
    assertThat(json.get("contextId").get("value").isNull()).isTrue();
    assertThat(json.get("contextId").get("source").asText()).isEqualTo("per-user-file");
    assertThat(xdg.resolve("pulse")).doesNotExist();
  }

  @Test
  void saysHowLongCliRunsLeaveTheirServerAloneAndWritesNothing() throws Exception {
    new QuietFile(xdg.resolve("pulse"), URI.create("http://pulse.example:8080/telemetry/query")).unanswered();
    byte[] before = Files.readAllBytes(xdg.resolve("pulse").resolve(QuietFile.FILE_NAME));

    PulseRun text = PulseRun.run(env(), "status", "--api-address=http://pulse.example:8080");
    PulseRun json = PulseRun.run(env(), "status", "--json", "--api-address=http://pulse.example:8080");
    PulseRun other = PulseRun.run(env(), "status", "--json", "--api-address=http://other.example:8080");

    assertThat(text.output()).containsPattern("! CLI runs here leave this server alone for 1[45] min more, keeping"
        + " what they have without trying: an earlier run got no answer from it, or it asked for quiet; pulse"
        + " send-test tries it anyway");
    assertThat(new ObjectMapper().readTree(json.output()).get("quietSeconds").asLong()).isBetween(1L, 900L);
    assertThat(new ObjectMapper().readTree(other.output()).get("quietSeconds").isNull()).isTrue();
    assertThat(xdg.resolve("pulse").resolve(QuietFile.FILE_NAME)).hasBinaryContent(before);
  }

  private static JsonNode setting(JsonNode json, String key) {
    for (JsonNode s : json.get("settings")) {
      if (s.get("key").asText().equals(key)) {
        return s;
      }
    }
    throw new AssertionError("no setting " + key + " in " + json);
  }
}
