package dev.pulse.client.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.CliTelemetry;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.TelemetryData;

/** The client's bodies are byte-for-byte what the Go clients send (the server's conformance files). */
class PayloadWriterTest {

  private static final Component OPERATOR = new Component(ComponentType.INTENTS_OPERATOR,
      "8a6d3b52-2f4e-4c0b-9a57-1e2f3c4d5e6f",
      "0252338b7da7b5c1f8cc21fcdfe41cc050c4b5c39986ba191837ffed79c3af66", "v3.0.2", "");

  private static String fixture(String name) throws IOException {
    try (InputStream in = PayloadWriterTest.class.getResourceAsStream("/conformance/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  @Test
  void sendTelemetriesMatchesTheGoOperator() throws IOException {
    String body = PayloadWriter.sendTelemetries(OPERATOR,
        List.of(TelemetryData.of(EventType.STARTED, 1), TelemetryData.of(EventType.ACTIVE, 0)));

    assertThat(body).isEqualTo(fixture("01-operator-started.json"));
  }

  @Test
  void sendCliTelemetryMatchesTheGoCli() throws IOException {
    CliIdentifier id = new CliIdentifier("v2.0.3",
        "5501de25ed73debef1809db5ecf2ca644d35c1338c5a1597ba8ad28d3f044993", "");

    assertThat(PayloadWriter.sendCliTelemetry(
        new CliTelemetry(id, new CliCommand("mapper", "export", List.of()))))
        .isEqualTo(fixture("04-cli-command.json"));
    assertThat(PayloadWriter.sendCliTelemetry(new CliTelemetry(new CliIdentifier(id.version(), id.contextId(), "cli_1a2b3c"),
        new CliCommand("env", "update", List.of("add-labels")))))
        .isEqualTo(fixture("05-cli-modifiers.json"));
  }

  @Test
  void reportErrorsMatchesTheGoOperator() throws IOException {
    String file = "/src/operator/controllers/intents_reconcilers/networkpolicy/reconciler.go";
    ReportedError cause = new ReportedError("context deadline exceeded", "context.deadlineExceededError",
        null, List.of(new StackFrame(file, 137, "(*Reconciler).Reconcile", "networkpolicy")), List.of());
    ReportedError error = new ReportedError(
        "failed reconciling network policies: context deadline exceeded", "*errors.errorString", cause,
        List.of(new StackFrame(file, 141, "(*Reconciler).Reconcile", "networkpolicy"),
            new StackFrame("/go/pkg/mod/sigs.k8s.io/controller-runtime/pkg/internal/controller/controller.go",
                119, "(*Controller).Reconcile", "controller")),
        List.of(new MetadataEntry("reconciler", "NetworkPolicyReconciler")));

    assertThat(PayloadWriter.reportErrors(OPERATOR, List.of(error))).isEqualTo(fixture("06-report-errors.json"));
  }

  @Test
  void escapesControlCharactersAndQuotes() {
    ReportedError e = new ReportedError("a \"quoted\"\n\ttab \u0001", "X", null, List.of(), List.of());

    assertThat(PayloadWriter.reportErrors(OPERATOR, List.of(e)))
        .contains("\"message\":\"a \\\"quoted\\\"\\n\\ttab \\u0001\"");
  }
}
