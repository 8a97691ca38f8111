package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.client.cli.CommandPath;
import dev.pulse.client.errors.ErrorMapper;
import dev.pulse.client.errors.MessagePolicy;
import dev.pulse.client.send.ServerLimits;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.WireOperations;

/**
 * What the SDK maps stays within every bound the server enforces (IngestLimits' defaults, copied in
 * {@link ServerLimits}): one field over a bound would have the whole request refused.
 */
class StaysWithinServerLimitsTest {

  @TempDir Path dir;

  @Test
  void anErrorWithOverLongFrameFieldsAndTooMuchMetadataIsWithinEveryBound() {
    String longName = "x".repeat(3000);
    RuntimeException error = new RuntimeException("m".repeat(20_000));
    error.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("dev." + longName + ".Generated" + longName, "call" + longName,
            "/src/" + longName + ".java", 12),
        new StackTraceElement("dev.pulse.Ok", "run", "Ok.java", 3)});
    Map<String, String> metadata = new HashMap<>();
    Set<String> allowed = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      metadata.put("key" + i, "value " + i);
      allowed.add("key" + i);
    }
    metadata.put("k".repeat(300), "v");
    allowed.add("k".repeat(300));

    ReportedError mapped = new ErrorMapper(MessagePolicy.VERBATIM, allowed).map(error, metadata);

    assertWithinBounds(mapped);
    assertThat(mapped.stack()).hasSize(2);
    assertThat(mapped.stack().get(0).name()).startsWith("Generated").hasSize(ServerLimits.MAX_FIELD_LENGTH);
    assertThat(mapped.stack().get(1)).isEqualTo(new StackFrame("Ok.java", 3, "Ok.run", "dev.pulse"));
    assertThat(mapped.metadata()).extracting(MetadataEntry::key).doesNotContain("k".repeat(300));
  }

  @Test
  void aCommandWithAHundredModifiersReportsTheFirst32() {
    String modifiers = IntStream.range(0, 100).mapToObj(i -> "m" + i).collect(Collectors.joining(" "));

    Set<String> words = new HashSet<>(List.of(modifiers.split(" ")));
    words.addAll(List.of("env", "update"));

    CliCommand command = CommandPath.parse("otterize env update " + modifiers, words).orElseThrow();

    assertThat(command.noun()).isEqualTo("env");
    assertThat(command.modifiers()).hasSize(ServerLimits.MAX_MODIFIERS).startsWith("m0", "m1").endsWith("m31");
    assertThat(command.modifiers()).allSatisfy(m -> assertThat(m.length()).isLessThanOrEqualTo(ServerLimits.MAX_IDENTIFIER_LENGTH));
  }

  @Test
  @SuppressWarnings("unchecked")
  void errorsWhoseRequestWouldBeOverTheBodyBoundGoInSeveralRequests() throws Exception {
    String longName = "n".repeat(1000);
    StackTraceElement[] stack = new StackTraceElement[64];
    java.util.Arrays.fill(stack, new StackTraceElement("p" + longName + ".C" + longName, "m" + longName, "F" + longName, 1));
    try (FakePulseServer server = FakePulseServer.start()) {
      PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
          .set(SettingKey.TELEMETRY_INTERVAL_SECONDS, "3600")
          .build();
      for (int i = 0; i < 4; i++) { // each about 6 MB: 32 causes of 64 frames of 3 fields of 1,024
        Throwable error = new IllegalStateException("root " + i);
        error.setStackTrace(stack);
        for (int depth = 1; depth < ErrorMapper.MAX_CHAIN; depth++) {
          error = new IllegalStateException("level " + depth, error);
          error.setStackTrace(stack);
        }
        telemetry.reportError(error);
      }

      assertThat(telemetry.close(Duration.ofSeconds(60))).isTrue();

      List<FakePulseServer.Received> requests = server.received(WireOperations.REPORT_ERRORS_NAME);
      assertThat(requests).as("one request would be about 24 MB").hasSizeGreaterThan(1)
          .allSatisfy(r -> assertThat((long) r.body().getBytes(StandardCharsets.UTF_8).length)
              .isLessThanOrEqualTo(ServerLimits.MAX_BODY_BYTES));
      assertThat(requests.stream().mapToInt(r -> ((List<Object>) r.variables().get("errors")).size()).sum())
          .as("every error arrived").isEqualTo(4);
    }
  }

  private static void assertWithinBounds(ReportedError top) {
    int depth = 0;
    for (ReportedError e = top; e != null; e = e.cause()) {
      depth++;
      assertThat(e.message().length()).isLessThanOrEqualTo(ServerLimits.MAX_MESSAGE_LENGTH);
      assertThat(e.errorClass().length()).isLessThanOrEqualTo(ServerLimits.MAX_FIELD_LENGTH);
      assertThat(e.stack().size()).isLessThanOrEqualTo(ServerLimits.MAX_STACK_FRAMES);
      for (StackFrame f : e.stack()) {
        assertThat(f.file().length()).isLessThanOrEqualTo(ServerLimits.MAX_FIELD_LENGTH);
        assertThat(f.name().length()).isLessThanOrEqualTo(ServerLimits.MAX_FIELD_LENGTH);
        assertThat(f.packageName().length()).isLessThanOrEqualTo(ServerLimits.MAX_FIELD_LENGTH);
      }
      assertThat(e.metadata().size()).isLessThanOrEqualTo(ServerLimits.MAX_METADATA_ENTRIES);
      for (MetadataEntry m : e.metadata()) {
        assertThat(m.key().length()).isLessThanOrEqualTo(ServerLimits.MAX_IDENTIFIER_LENGTH);
        assertThat(m.value().length()).isLessThanOrEqualTo(ServerLimits.MAX_FIELD_LENGTH);
      }
    }
    assertThat(depth).isLessThanOrEqualTo(ServerLimits.MAX_CAUSE_DEPTH);
  }
}
