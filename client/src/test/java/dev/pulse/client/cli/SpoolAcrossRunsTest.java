package dev.pulse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.client.send.PayloadWriter;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.CliTelemetry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    AtOnce.run(runs, run -> () -> {
      Spool own = new Spool(dir, ENDPOINT); // each run has its own, as separate processes do
      for (int i = 0; i < each; i++) {
        assertThat(own.keep(List.of(body("run" + run + "-" + i)))).as("dropped").isEmpty();
      }
      return null;
    });

    assertThat(new Spool(dir, ENDPOINT).takeAll()).hasSize(runs * each).doesNotHaveDuplicates();
  }

  @Test
  void whileAnotherProcessHoldsTheSpoolARunKeepsAndTakesNothingAndLeavesItWhole() throws Exception {
    Spool spool = new Spool(dir, ENDPOINT);
    assertThat(spool.keep(List.of(body("first")))).as("dropped").isEmpty();
    try (SpoolLockHolder held = SpoolLockHolder.holding(spool.lockFile())) {
      assertThat(spool.keep(List.of(body("second")))).as("refused while another process held the spool")
          .containsExactly(body("second"));
      assertThat(spool.takeAll()).as("taken while another process held the spool").isEmpty();
      assertThat(Files.readAllLines(spool.file())).containsExactly(body("first"));
    }
    assertThat(spool.takeAll()).containsExactly(body("first"));
  }
}
