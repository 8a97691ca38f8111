package dev.pulse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShownWarningsTest {

  @TempDir Path dir;

  private ShownWarnings at(Instant now) {
    return new ShownWarnings(dir, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aProblemIsDueAgainOnceItsDayIsOverAndTheFileStaysBounded() throws Exception {
    Instant monday = Instant.parse("2026-12-07T09:00:00Z");

    assertThat(at(monday).due("tls")).isTrue();
    assertThat(at(monday.plus(ShownWarnings.PERIOD).minusSeconds(1)).due("tls")).isFalse();
    assertThat(at(monday.plus(ShownWarnings.PERIOD)).due("tls")).isTrue();
    for (int i = 0; i < 2 * ShownWarnings.MAX_REMEMBERED; i++) {
      assertThat(at(monday.plus(ShownWarnings.PERIOD)).due("problem " + i)).isTrue();
    }

    assertThat(Files.readAllLines(dir.resolve(ShownWarnings.FILE_NAME))).hasSize(ShownWarnings.MAX_REMEMBERED);
  }
}
