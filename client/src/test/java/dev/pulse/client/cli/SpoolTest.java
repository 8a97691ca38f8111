package dev.pulse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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

  private static final URI ENDPOINT = URI.create("https://telemetry.example.com/telemetry/query");
  private static final URI ANOTHER = URI.create("http://localhost:8080/telemetry/query");

  @TempDir Path dir;

  private static String body(String verb) {
    return PayloadWriter.sendCliTelemetry(new CliTelemetry(
        new CliIdentifier("v1", "ctx", ""), new CliCommand("mapper", verb, List.of())));
  }

  @Test
  void keepsAndHandsBackBodiesOnce() {
    Spool spool = new Spool(dir, ENDPOINT);

    assertThat(spool.keep(List.of(body("export"), body("visualize")))).as("dropped").isEmpty();

    assertThat(new Spool(dir, ENDPOINT).takeAll()).containsExactly(body("export"), body("visualize"));
    assertThat(new Spool(dir, ENDPOINT).takeAll()).isEmpty();
    assertThat(spool.file()).doesNotExist();
  }

  @Test
  void keepsOnlyTheNewestEntriesInOrderAndSaysWhichItDropped() {
    Spool spool = new Spool(dir, ENDPOINT);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < Spool.MAX_ENTRIES + 50; i++) {
      many.add(body("v" + i));
    }

    assertThat(spool.keep(many.subList(0, 120))).containsExactlyElementsOf(many.subList(0, 20));
    assertThat(spool.keep(many.subList(120, 150))).as("kept before, pushed out now")
        .containsExactlyElementsOf(many.subList(20, 50));

    assertThat(spool.takeAll()).containsExactlyElementsOf(many.subList(50, 150));
  }

  @Test
  void staysUnderItsByteBound() throws Exception {
    Spool spool = new Spool(dir, ENDPOINT);
    String big = body("x".repeat(10_000));
    for (int i = 0; i < 20; i++) {
      spool.keep(List.of(big));
    }

    assertThat(Files.size(spool.file())).isLessThanOrEqualTo(Spool.MAX_BYTES);
  }

  @Test
  void discardsLinesThatAreNotWireRequests() throws Exception {
    Files.writeString(new Spool(dir, ENDPOINT).file(),
        "not json\n{\"query\":\"mutation Evil { x }\"}\n" + body("export") + "\n");

    assertThat(new Spool(dir, ENDPOINT).takeAll()).containsExactly(body("export"));
  }

  @Test
  void handsBackOnlyWhatWasSpooledForItsOwnEndpoint() {
    new Spool(dir, ENDPOINT).keep(List.of(body("export")));
    new Spool(dir, ANOTHER).keep(List.of(body("visualize")));

    assertThat(new Spool(dir, ANOTHER).takeAll()).containsExactly(body("visualize"));
    assertThat(new Spool(dir, ENDPOINT).takeAll()).containsExactly(body("export"));
    assertThat(new Spool(dir, ENDPOINT).file().getFileName().toString()).doesNotContain("example");
  }

  @Test
  void dropsTheOneSpoolOfEarlierVersionsUnsentSinceItsServerIsUnknown() throws Exception {
    Files.writeString(dir.resolve(Spool.LEGACY_FILE_NAME), body("export") + "\n");

    assertThat(new Spool(dir, ENDPOINT).takeAll()).isEmpty();
    assertThat(dir.resolve(Spool.LEGACY_FILE_NAME)).doesNotExist();
  }
}
