package dev.pulse.client.errors;

import dev.pulse.schema.ReportedError;

/** Where mapped errors go (the SDK's buffer). Implementations never block and never throw. */
@FunctionalInterface
public interface ErrorSink {

  /** Takes one error; drops and counts it when full. */
  void accept(ReportedError error);
}
