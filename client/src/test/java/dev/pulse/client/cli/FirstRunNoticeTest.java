package dev.pulse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  @Test
  void runsStartingAtOnceOnAFreshDirectoryShowItOnce() throws Exception {
    int runs = 8;
    ExecutorService threads = Executors.newFixedThreadPool(runs);
    try {
      for (int round = 0; round < 25; round++) { // a race lost now and then: many rounds to meet it
        Path fresh = dir.resolve("round" + round).resolve("pulse");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CyclicBarrier together = new CyclicBarrier(runs);
        List<Future<Boolean>> shown = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          shown.add(threads.submit(() -> {
            together.await();
            return FirstRunNotice.showOnce(fresh, print, "otterize", "OTTERIZE_", "usage");
          }));
        }
        int printed = 0;
        for (Future<Boolean> run : shown) {
          printed += run.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }

        assertThat(printed).as("round %d", round).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).containsOnlyOnce("reports usage");
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
