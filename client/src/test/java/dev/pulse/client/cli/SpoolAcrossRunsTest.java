package dev.pulse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.client.send.PayloadWriter;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.CliTelemetry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool shared by runs of a CLI that exit or start at the same time, in threads and processes. */
class SpoolAcrossRunsTest {

  private static final URI ENDPOINT = URI.create("https://telemetry.example.com/telemetry/query");

  @TempDir Path dir;

  private static String body(String verb) {
    return PayloadWriter.sendCliTelemetry(new CliTelemetry(
        new CliIdentifier("v1", "ctx", ""), new CliCommand("mapper", verb, List.of())));
  }

  @Test
  void runsKeepingAtOnceLoseNoneOfEachOthersBodies() throws Exception {
    int runs = 8;
    int each = 10;
    ExecutorService threads = Executors.newFixedThreadPool(runs);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> kept = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      String name = "run" + run + "-";
      kept.add(threads.submit(() -> {
        start.await();
        Spool own = new Spool(dir, ENDPOINT); // each run has its own, as separate processes do
        for (int i = 0; i < each; i++) {
          assertThat(own.keep(List.of(body(name + i)))).as("dropped").isEmpty();
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> run : kept) {
      run.get(30, TimeUnit.SECONDS);
    }
    threads.shutdown();

    assertThat(new Spool(dir, ENDPOINT).takeAll()).hasSize(runs * each).doesNotHaveDuplicates();
  }

  @Test
  void whileAnotherProcessHoldsTheSpoolARunKeepsAndTakesNothingAndLeavesItWhole() throws Exception {
    Spool spool = new Spool(dir, ENDPOINT);
    assertThat(spool.keep(List.of(body("first")))).as("dropped").isEmpty();
    Path lockFile = spool.lockFile();
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SpoolLockHolder.class.getName(), lockFile.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("held");

      assertThat(spool.keep(List.of(body("second")))).as("refused while another process held the spool")
          .containsExactly(body("second"));
      assertThat(spool.takeAll()).as("taken while another process held the spool").isEmpty();
      assertThat(Files.readAllLines(spool.file())).containsExactly(body("first"));
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(spool.takeAll()).containsExactly(body("first"));
  }
}
