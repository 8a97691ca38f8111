package dev.pulse.client.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.schema.Anonymizer;

class PersistedContextIdTest {

  @TempDir Path dir;

  @Test
  void createsOnceAndKeepsTheSameId() {
    Path config = dir.resolve("nested/pulse");
    String first = new PersistedContextId(config, Anonymizer.create()).contextId().orElseThrow();
    String second = new PersistedContextId(config, Anonymizer.create()).contextId().orElseThrow();

    assertThat(first).matches("[0-9a-f]{64}").isEqualTo(second);
  }

  @Test
  void sendsTheHashNotTheStoredUuid() throws Exception {
    String id = new PersistedContextId(dir, Anonymizer.create()).contextId().orElseThrow();
    String stored = Files.readString(dir.resolve(PersistedContextId.FILE_NAME)).trim();

    assertThat(id).isEqualTo(Anonymizer.anonymizeDefault(stored)).doesNotContain(stored);
  }

  @Test
  void replacesACorruptFile() throws Exception {
    Files.writeString(dir.resolve(PersistedContextId.FILE_NAME), "garbage");

    String id = new PersistedContextId(dir, Anonymizer.create()).contextId().orElseThrow();

    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(Files.readString(dir.resolve(PersistedContextId.FILE_NAME)).trim()).matches("[0-9a-f-]{36}");
  }

  @Test
  void givesNothingWhenTheDirectoryCannotBeWritten() throws Exception {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");

    assertThat(new PersistedContextId(file.resolve("sub"), Anonymizer.create()).contextId()).isEmpty();
  }

  @Test
  void programsOfAnotherSettingsPrefixKeepTheirFilesInADirectoryOfTheirOwn() {
    Map<String, String> xdg = Map.of("XDG_CONFIG_HOME", "/xdg");
    assertThat(ConfigDirectory.defaultFor(xdg, "OTTERIZE_")).isEqualTo(Path.of("/xdg/pulse"));
    assertThat(ConfigDirectory.defaultFor(xdg, "ACME_")).isEqualTo(Path.of("/xdg/pulse/acme"));
    assertThat(ConfigDirectory.defaultFor(Map.of(), "Big Corp__"))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "pulse", "big-corp"));
    assertThat(ConfigDirectory.defaultFor(xdg, "_")).isEqualTo(Path.of("/xdg/pulse/unprefixed"));
  }

  @Test
  void defaultDirectoryFollowsXdg() {
    assertThat(ConfigDirectory.defaultFor(Map.of("XDG_CONFIG_HOME", "/xdg"))).isEqualTo(Path.of("/xdg/pulse"));
    assertThat(ConfigDirectory.defaultFor(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "pulse"));
  }
}
