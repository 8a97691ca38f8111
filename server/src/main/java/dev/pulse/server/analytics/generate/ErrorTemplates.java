package dev.pulse.server.analytics.generate;

import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.server.ingest.ErrorFingerprint;
import dev.pulse.server.privacy.ErrorTextScrubber;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The recurring errors of the synthetic data set, with cause chains; a few are far more common. Each
 * is held as ingestion stores it: scrubbed (the address in "dial tcp" is {@code <ip>}) and grouped by
 * ingestion's fingerprint, so a generated store shows what a real one would and an error a component
 * reports later groups with its generated twin.
 */
final class ErrorTemplates {

  private static final ErrorTextScrubber SCRUBBER = new ErrorTextScrubber();

  private static final ReportedError[] ERRORS = Stream.of(
    chain("failed reconciling network policies", "*errors.errorString", "reconciler.go", "networkpolicy",
        chain("context deadline exceeded", "context.deadlineExceededError", "client.go", "rest", null)),
    chain("failed to apply kafka ACLs", "*fmt.wrapError", "kafka_acls.go", "kafkaacls",
        chain("kafka: client has run out of available brokers", "*errors.errorString", "client.go", "sarama",
            chain("dial tcp 10.0.0.7:9092: connect: connection refused", "*net.OpError", "dial.go", "net", null))),
    chain("ebpf program attach failed", "*fmt.wrapError", "attach.go", "ebpf",
        chain("operation not permitted", "syscall.Errno", "syscall_linux.go", "unix", null)),
    chain("failed to read service account token", "*fs.PathError", "token.go", "credentials", null),
    chain("failed to export mapper results", "*errors.errorString", "export.go", "mapper",
        chain("unexpected EOF", "*errors.errorString", "io.go", "io", null)),
    chain("istio policy conflicts with existing policy", "*errors.errorString", "istio.go", "istiopolicy", null),
    chain("leader election lost", "*errors.errorString", "leaderelection.go", "leaderelection", null),
    chain("webhook certificate expired", "*x509.CertificateInvalidError", "webhook.go", "webhooks",
        chain("x509: certificate has expired", "x509.CertificateInvalidError", "verify.go", "x509", null)))
      .map(SCRUBBER::scrub)
      .toArray(ReportedError[]::new);

  private static final String[] FINGERPRINTS =
      Stream.of(ERRORS).map(ErrorFingerprint::of).toArray(String[]::new);

  /** Zipf-like weights: the first error is reported far more often than the last. */
  private static final double[] CUMULATIVE = cumulative();

  private ErrorTemplates() {}

  static int pick(SplittableRandom random) {
    double u = random.nextDouble();
    for (int i = 0; i < CUMULATIVE.length; i++) {
      if (u < CUMULATIVE[i]) {
        return i;
      }
    }
    return CUMULATIVE.length - 1;
  }

  static ReportedError error(int template) {
    return ERRORS[template];
  }

  /** The fingerprint ingestion gives the template's error. */
  static String fingerprint(int template) {
    return FINGERPRINTS[template];
  }

  static int count() {
    return ERRORS.length;
  }

  private static double[] cumulative() {
    double[] weights = new double[ERRORS.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += 1.0 / (i + 1);
      weights[i] = sum;
    }
    for (int i = 0; i < weights.length; i++) {
      weights[i] /= sum;
    }
    return weights;
  }

  private static ReportedError chain(String message, String errorClass, String file, String pkg,
      ReportedError cause) {
    List<StackFrame> stack = List.of(
        new StackFrame(file, 100 + message.length(), "(*Reconciler)." + capitalized(pkg), pkg),
        new StackFrame("controller.go", 314, "(*Controller).reconcileHandler", "controller"));
    return new ReportedError(message, errorClass, cause, stack,
        cause == null ? List.of() : List.of(new MetadataEntry("component", pkg)));
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
