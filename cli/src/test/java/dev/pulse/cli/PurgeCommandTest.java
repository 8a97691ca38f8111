package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import dev.pulse.server.privacy.ContextKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pulse purge} in real processes: both forms of the id, a dry run, and no match. */
class PurgeCommandTest {

  private static final String TOKEN = "purge-command-test-token-0123";
  private static final Pattern STORED_ID = Pattern.compile("\"contextId\":\"([0-9a-f]{64})\"");

  @TempDir Path dataDir;
  @TempDir Path configHome;

  @Test
  void purgesThroughTheServerByEitherFormOfTheIdAfterADryRunAndFailsWhenNothingMatches() throws Exception {
    Map<String, String> env = env();
    try (PulseServer server = start()) {
      String base = "http://127.0.0.1:" + server.port();
      sendTest(env, base);
      String contextId = contextIdFromStatus(env);

      PulseRun dry = PulseRun.run(env, "purge", "--context-id", contextId, "--dry-run", "--server", base);
      assertThat(dry.exitCode()).as(dry.output()).isZero();
      assertThat(dry.output())
          .contains("would remove 0 events, 1 CLI command, 0 errors")
          .contains("matched as its contextId")
          .contains("nothing was removed");
      String stored = storedId(PulseRun.run(env, "export", "cli", "--server", base).output());

      PulseRun purged = PulseRun.run(env, "purge", "--context-id", stored, "--server", base);
      assertThat(purged.exitCode()).as(purged.output()).isZero();
      assertThat(purged.output())
          .contains("removed 0 events, 1 CLI command, 0 errors")
          .contains("matched as a stored contextId");

      PulseRun again = PulseRun.run(env, "purge", "--context-id", contextId, "--server", base);
      assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
      assertThat(again.output()).contains("no records of install " + contextId).doesNotContain("\tat ");
    }
  }

  @Test
  void purgesTheDataDirByEitherFormOfTheIdAfterADryRunAndFailsWhenNothingMatches() throws Exception {
    Map<String, String> env = env();
    try (PulseServer server = start()) {
      String base = "http://127.0.0.1:" + server.port();
      sendTest(env, base);
      sendTest(env, base);
    }
    String contextId = contextIdFromStatus(env);
    String data = dataDir.toString();
    String stored = storedId(PulseRun.run(env, "export", "cli", "--data-dir", data).output());

    PulseRun dry = PulseRun.run(env, "purge", "--context-id", stored, "--dry-run", "--data-dir", data);
    assertThat(dry.exitCode()).as(dry.output()).isZero();
    assertThat(dry.output()).contains("would remove 0 events, 2 CLI commands").contains("matched as a stored contextId");
    assertThat(PulseRun.run(env, "export", "cli", "--data-dir", data).output().strip().lines()).hasSize(2);

    PulseRun purged = PulseRun.run(env, "purge", "--context-id", contextId, "--data-dir", data);
    assertThat(purged.exitCode()).as(purged.output()).isZero();
    assertThat(purged.output()).contains("removed 0 events, 2 CLI commands").contains("matched as its contextId");
    assertThat(PulseRun.run(env, "export", "cli", "--data-dir", data).output()).doesNotContain("send-test");

    for (String id : new String[] {contextId, stored}) {
      PulseRun none = PulseRun.run(env, "purge", "--context-id", id, "--data-dir", data);
      assertThat(none.exitCode()).as(none.output()).isEqualTo(1);
      assertThat(none.output()).contains("no records of install " + id).contains("nothing was removed");
    }
  }

  @Test
  void aBlankContextIdIsAUsageMistakeSayingWhereToFindOne() throws Exception {
    PulseRun blank = PulseRun.run(env(), "purge", "--context-id", " ", "--data-dir", dataDir.toString());

    assertThat(blank.exitCode()).as(blank.output()).isEqualTo(2);
    assertThat(blank.output()).startsWith("pulse purge: --context-id is blank: give the install's contextId, as"
        + " `pulse status` prints it or an export shows it").doesNotContain("failed");
  }

  @Test
  void aLocalPurgeReKeysWithTheContextKeyOfTheConfigFileAsTheServerDidAndNeverMakesOneUp() throws Exception {
    Map<String, String> env = env();
    String key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    try (PulseServer server = PulseServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
        .adminToken(TOKEN).contextKey(key).build())) {
      sendTest(env, "http://127.0.0.1:" + server.port());
    }
    assertThat(dataDir.resolve(ContextKeyFile.FILE_NAME)).as("a configured key is not written down").doesNotExist();
    String contextId = contextIdFromStatus(env);
    String data = dataDir.toString();

    PulseRun unkeyed = PulseRun.run(env, "purge", "--context-id", contextId, "--data-dir", data);
    assertThat(unkeyed.exitCode()).as(unkeyed.output()).isEqualTo(2);
    assertThat(unkeyed.output()).contains("no context key:", "set PULSE_CONTEXT_KEY (or context-key in --config)");
    assertThat(dataDir.resolve(ContextKeyFile.FILE_NAME)).as("no key made up").doesNotExist();

    // Another key would re-key the id to one no record has, and report "nothing was removed".
    Map<String, String> otherKey = new java.util.HashMap<>(env);
    otherKey.put("PULSE_CONTEXT_KEY", "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
    PulseRun misKeyed = PulseRun.run(otherKey, "purge", "--context-id", contextId, "--data-dir", data);
    assertThat(misKeyed.exitCode()).as(misKeyed.output()).isEqualTo(2);
    assertThat(misKeyed.output()).contains("keyed with another context key", "set PULSE_CONTEXT_KEY")
        .doesNotContain("nothing was removed");

    Path config = configHome.resolve("pulse.properties");
    Files.writeString(config, "context-key=" + key + "\n");
    PulseRun purged = PulseRun.run(env, "--config", config.toString(), "purge", "--context-id", contextId, "--data-dir", data);
    assertThat(purged.exitCode()).as(purged.output()).isZero();
    assertThat(purged.output()).contains("removed 0 events, 1 CLI command").contains("matched as its contextId");
  }

  private Map<String, String> env() {
    return Map.of("XDG_CONFIG_HOME", configHome.toString(), "PULSE_ADMIN_TOKEN", TOKEN);
  }

  private PulseServer start() {
    return PulseServer.start(
        ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).adminToken(TOKEN).build());
  }

  private static void sendTest(Map<String, String> env, String base) throws Exception {
    PulseRun sent = PulseRun.run(env, "send-test", "--api-address=" + base);
    assertThat(sent.exitCode()).as(sent.output()).isZero();
  }

  private static String storedId(String export) {
    Matcher id = STORED_ID.matcher(export);
    assertThat(id.find()).as(export).isTrue();
    return id.group(1);
  }

  /** The contextId as a user finds it: the line {@code pulse status} prints. */
  private static String contextIdFromStatus(Map<String, String> env) throws Exception {
    PulseRun status = PulseRun.run(env, "status");
    String line = status.output().lines().filter(l -> l.startsWith("contextId")).findFirst().orElseThrow(
        () -> new AssertionError("pulse status printed no contextId: " + status.output()));
    return line.substring("contextId".length()).strip().split("\\s+")[0];
  }
}
