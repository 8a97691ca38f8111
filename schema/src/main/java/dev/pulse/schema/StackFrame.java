package dev.pulse.schema;

import java.util.Objects;

/** One stack frame of a reported error ({@code input StackFrame}). */
public record StackFrame(String file, int lineNumber, String name, String packageName) {

  public StackFrame {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(packageName, "package");
  }
}
