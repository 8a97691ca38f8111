package dev.pulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class WireOperationsTest {

  @Test
  void operationTextsStartWithANewlineAndIndentWithTabsAsTheGoClientsDo() {
    assertThat(WireOperations.SEND_TELEMETRIES)
        .isEqualTo(
            "\nmutation SendTelemetries ($telemetries: [TelemetryInput!]!) {\n"
                + "\tsendTelemetries(telemetries: $telemetries)\n}\n");
    assertThat(WireOperations.REPORT_ERRORS).startsWith("\nmutation ReportErrors (").contains("\tsendErrors(");
    assertThat(WireOperations.SEND_CLI_TELEMETRY).contains("\tsendCLITelemetries(telemetries: [$telemetry])\n}\n");
  }

  @Test
  void schemaResourceIsOnTheClasspath() throws Exception {
    try (InputStream in = WireOperations.class.getResourceAsStream(WireOperations.SCHEMA_RESOURCE)) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes())).contains("sendTelemetries(telemetries: [TelemetryInput!]!): Boolean!");
    }
  }
}
