package dev.pulse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.send.PayloadWriter;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.CliTelemetry;

class SpoolTest {

  @TempDir Path dir;

  private static String body(String verb) {
    return PayloadWriter.sendCliTelemetry(new CliTelemetry(
        new CliIdentifier("v1", "ctx", ""), new CliCommand("mapper", verb, List.of())));
  }

  @Test
  void keepsAndHandsBackBodiesOnce() {
    Spool spool = new Spool(dir);

    assertThat(spool.keep(List.of(body("export"), body("visualize")))).isEqualTo(2);

    assertThat(new Spool(dir).takeAll()).containsExactly(body("export"), body("visualize"));
    assertThat(new Spool(dir).takeAll()).isEmpty();
    assertThat(spool.file()).doesNotExist();
  }

  @Test
  void keepsOnlyTheNewestEntriesWithinItsBounds() {
    Spool spool = new Spool(dir);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < Spool.MAX_ENTRIES + 50; i++) {
      many.add(body("v" + i));
    }

    spool.keep(many);

    List<String> kept = spool.takeAll();
    assertThat(kept).hasSizeLessThanOrEqualTo(Spool.MAX_ENTRIES).last().isEqualTo(body("v149"));
  }

  @Test
  void staysUnderItsByteBound() throws Exception {
    Spool spool = new Spool(dir);
    String big = body("x".repeat(10_000));
    for (int i = 0; i < 20; i++) {
      spool.keep(List.of(big));
    }

    assertThat(Files.size(spool.file())).isLessThanOrEqualTo(Spool.MAX_BYTES);
  }

  @Test
  void discardsLinesThatAreNotWireRequests() throws Exception {
    Files.writeString(dir.resolve(Spool.FILE_NAME),
        "not json\n{\"query\":\"mutation Evil { x }\"}\n" + body("export") + "\n");

    assertThat(new Spool(dir).takeAll()).containsExactly(body("export"));
  }
}
