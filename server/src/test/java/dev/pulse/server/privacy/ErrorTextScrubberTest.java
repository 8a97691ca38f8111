package dev.pulse.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text rules themselves are tested in the schema module ({@code IdentifierScrubberTest}). */
class ErrorTextScrubberTest {

  private final ErrorTextScrubber scrubber = new ErrorTextScrubber();

  @Test
  void scrubsMessagesMetadataAndFileNamesAlongTheWholeCauseChain() {
    ReportedError root = new ReportedError(
        "read from 10.9.8.7 failed", "net.OpError", null,
        List.of(new StackFrame("/home/jane/src/main.go", 12, "main", "main")),
        List.of(new MetadataEntry("peer", "jane@example.com"), new MetadataEntry("jane@example.com", "x")));
    ReportedError outer = new ReportedError("sync failed", "errors.errorString", root, List.of(), List.of());

    ReportedError scrubbed = scrubber.scrub(outer);

    assertThat(scrubbed.message()).isEqualTo("sync failed");
    assertThat(scrubbed.cause().message()).isEqualTo("read from <ip> failed");
    assertThat(scrubbed.cause().metadata())
        .containsExactly(new MetadataEntry("peer", "<email>"), new MetadataEntry("<email>", "x"));
    assertThat(scrubbed.cause().stack().get(0).file()).isEqualTo("/home/<user>/src/main.go");
    assertThat(scrubbed.cause().errorClass()).isEqualTo("net.OpError");
  }

  @Test
  void anErrorWithNothingToScrubIsReturnedAsItIs() {
    ReportedError error = new ReportedError(
        "context deadline exceeded", "context.deadlineExceededError", null,
        List.of(new StackFrame("main.go", 3, "run", "main")), List.of(new MetadataEntry("op", "list")));
    assertThat(scrubber.scrub(error)).isSameAs(error);
  }
}
