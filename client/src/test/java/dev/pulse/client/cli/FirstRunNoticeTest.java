package dev.pulse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstRunNoticeTest {

  @TempDir Path dir;

  @Test
  void showsOnceAndSaysHowToTurnItOff() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    assertThat(FirstRunNotice.showOnce(dir, print, "otterize", "OTTERIZE_", "usage")).isTrue();
    assertThat(FirstRunNotice.showOnce(dir, print, "otterize", "OTTERIZE_", "usage")).isFalse();

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).containsOnlyOnce("reports usage")
        .contains("OTTERIZE_TELEMETRY_ENABLED=false", "DO_NOT_TRACK=1", "--telemetry-enabled=false");
    assertThat(text).contains("This notice is shown once.");
    assertThat(dir.resolve(FirstRunNotice.MARKER)).exists();
  }

  @Test
  void withoutADirectoryItIsShownEveryRunAndSaysSo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    assertThat(FirstRunNotice.showOnce(null, print, "otterize", "OTTERIZE_", "usage")).isTrue();
    assertThat(FirstRunNotice.showOnce(null, print, "otterize", "OTTERIZE_", "usage")).isTrue();

    assertThat(out.toString(StandardCharsets.UTF_8).split("shown on every run: there is no home directory", -1))
        .hasSize(3);
  }
}
