package dev.pulse.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorFingerprintTest {

  private static ReportedError error(String errorClass, String message, int line, String function) {
    return new ReportedError(
        message,
        errorClass,
        null,
        List.of(new StackFrame("/src/a.go", line, function, "networkpolicy")),
        List.of());
  }

  @Test
  void ignoresMessagesAndLineNumbers() {
    assertThat(ErrorFingerprint.of(error("*errors.errorString", "timeout after 3s", 141, "Reconcile")))
        .isEqualTo(ErrorFingerprint.of(error("*errors.errorString", "timeout after 9s", 150, "Reconcile")))
        .hasSize(16)
        .matches("[0-9a-f]{16}");
  }

  @Test
  void differsByErrorClassAndFunction() {
    String base = ErrorFingerprint.of(error("*errors.errorString", "m", 1, "Reconcile"));
    assertThat(ErrorFingerprint.of(error("context.deadlineExceededError", "m", 1, "Reconcile"))).isNotEqualTo(base);
    assertThat(ErrorFingerprint.of(error("*errors.errorString", "m", 1, "Apply"))).isNotEqualTo(base);
  }
}
