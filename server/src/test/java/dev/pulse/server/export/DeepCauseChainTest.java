package dev.pulse.server.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.ReportedError;
import dev.pulse.server.errorjson.ReportedErrorJson;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pulse.server.store.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * An error whose cause chain is as deep as a server may be set to take ({@code maxCauseDepth} up to
 * 10,000) is written and read back whole: an export of it, and an import of that export, do not stop
 * at Jackson's default nesting bound of 1,000. Deeper than the format reads is refused in words.
 */
class DeepCauseChainTest {

  private static StoredError withChain(int length) {
    StoredError base = Fixture.error("deep", "ctx-deep", Instant.parse("2026-11-05T10:00:00Z"));
    ReportedError chain = null;
    for (int i = 0; i < length; i++) {
      chain = new ReportedError("cause " + i, "java.lang.IllegalStateException", chain, List.of(), List.of());
    }
    return new StoredError(base.receivedAt(), base.component(), base.fingerprint(), chain);
  }

  private static String line(StoredRecord record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = ExportFormat.generator(out)) {
      ExportFormat.writeRecord(generator, record);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} errors in the chain")
  @ValueSource(ints = {999, 1_000, 10_000})
  void aChainAsDeepAsAServerTakesIsWrittenAndReadBackWhole(int length) throws Exception {
    String written = line(withChain(length));

    StoredError read = ExportFormat.readError(written.strip());

    assertThat(read.error().chainLength()).isEqualTo(length);
  }

  @Test
  void theErrorIsWrittenAsItsTreeWasFieldForFieldSoStoredTextAndIdentitiesStayTheSame() {
    ReportedError error = Fixture.error("i-1", "ctx-1", Instant.parse("2026-11-05T10:00:00Z")).error();

    assertThat(ReportedErrorJson.write(error)).isEqualTo(ReportedErrorJson.toTree(error).toString());
  }

  @Test
  void aLineNestedDeeperThanTheFormatReadsIsRefusedSayingSo() throws Exception {
    String deep = "{\"cause\":".repeat(30_000) + "null" + "}".repeat(30_000);

    assertThatThrownBy(() -> ExportFormat.readError(deep))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nested deeper than 20,000 levels");
  }
}
