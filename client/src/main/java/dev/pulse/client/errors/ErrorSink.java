package dev.pulse.client.errors;

import dev.pulse.schema.ReportedError;

/** Where mapped errors go (the SDK's buffer). Implementations never block and never throw. */
@FunctionalInterface
public interface ErrorSink {

  /** Takes one error; drops and counts it when full. */
  void accept(ReportedError error);

  /**
   * Whether a report would be taken now; when not (the buffer full, errors off, closed) its drop is
   * counted here, so that nothing of the error need be read. A sink that never refuses keeps this.
   */
  default boolean takes() {
    return true;
  }

  /** Counts a report that could not be made at all; a sink that counts nothing keeps this. */
  default void unreportable() {}
}
