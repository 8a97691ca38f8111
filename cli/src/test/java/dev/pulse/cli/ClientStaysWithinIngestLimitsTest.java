package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import dev.pulse.client.send.ServerLimits;
import dev.pulse.server.ingest.IngestLimits;

/**
 * The client SDK cannot depend on the server, so it copies the bounds of one request; this module sees
 * both and checks that the copy is the server's default, so that no SDK request is refused for a
 * field the SDK did not cut.
 */
class ClientStaysWithinIngestLimitsTest {

  @Test
  void theClientsCopyOfTheBoundsIsTheServersDefault() {
    IngestLimits server = IngestLimits.defaults();

    assertThat(ServerLimits.MAX_IDENTIFIER_LENGTH).isEqualTo(server.maxIdentifierLength());
    assertThat(ServerLimits.MAX_MESSAGE_LENGTH).isEqualTo(server.maxMessageLength());
    assertThat(ServerLimits.MAX_FIELD_LENGTH).isEqualTo(server.maxFieldLength());
    assertThat(ServerLimits.MAX_CAUSE_DEPTH).isEqualTo(server.maxCauseDepth());
    assertThat(ServerLimits.MAX_STACK_FRAMES).isEqualTo(server.maxStackFrames());
    assertThat(ServerLimits.MAX_METADATA_ENTRIES).isEqualTo(server.maxMetadataEntries());
    assertThat(ServerLimits.MAX_MODIFIERS).isEqualTo(server.maxModifiers());
    assertThat(ServerLimits.MAX_ITEMS_PER_REQUEST).isEqualTo(server.maxItemsPerRequest());
    assertThat(ServerLimits.MAX_BODY_BYTES).isEqualTo(server.maxBodyBytes());
  }
}
