package dev.pulse.schema;

import java.util.List;
import java.util.Objects;

/**
 * A reported error ({@code input Error}), with its chain of causes.
 *
 * @param message the error message
 * @param errorClass the error's type, e.g. {@code java.io.IOException} or {@code *errors.errorString}
 * @param cause the underlying error, or {@code null}
 * @param stack stack frames, innermost first; never null (absent is empty)
 * @param metadata key/values; never null (absent is empty)
 */
public record ReportedError(
    String message,
    String errorClass,
    ReportedError cause,
    List<StackFrame> stack,
    List<MetadataEntry> metadata) {

  public ReportedError {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(errorClass, "errorClass");
    stack = stack == null ? List.of() : List.copyOf(stack);
    metadata = metadata == null ? List.of() : List.copyOf(metadata);
  }

  /** The number of errors in the chain, this one included. Iterative: chains can be long. */
  public int chainLength() {
    int length = 0;
    for (ReportedError e = this; e != null; e = e.cause()) {
      length++;
    }
    return length;
  }
}
