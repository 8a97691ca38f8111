package dev.pulse.server.privacy;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.IdentifierScrubber;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.TelemetryData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Removes what could identify a person or a machine from the text of a reported error before it is
 * stored: the components send their error messages as they are ({@code dial tcp 10.0.0.7:9092}), and
 * the server must not depend on a client having scrubbed them. The rules, and the placeholders that
 * replace each match, are {@link IdentifierScrubber}'s, which the client SDK applies too.
 *
 * <p>Applied to every message and metadata key and value of the cause chain (a value under a key that
 * names a secret, a user or a host goes whole: {@link IdentifierScrubber#scrubValue}), to stack frames' file names,
 * to the short {@code error} text of usage events and to CLI commands' modifiers.
 * Scrubbing scrubbed text changes nothing. Immutable and thread-safe.
 */
public final class ErrorTextScrubber {

  /** Reports that the Pulse SDK or a component already scrubbed come through unchanged. */
  public ErrorTextScrubber() {}

  /** The text with every identifying match replaced by its placeholder; null stays null. */
  public String scrub(String text) {
    return IdentifierScrubber.scrub(text);
  }

  /**
   * A CLI command with its modifiers scrubbed: the SDK sends no flag's value, but a client could send
   * {@code --password=...} as a modifier. The same object when nothing changed.
   */
  public CliCommand scrub(CliCommand command) {
    List<String> modifiers = null;
    for (int i = 0; i < command.modifiers().size(); i++) {
      String sent = command.modifiers().get(i);
      String scrubbed = scrub(sent);
      if (scrubbed != sent && modifiers == null) {
        modifiers = new ArrayList<>(command.modifiers().subList(0, i));
      }
      if (modifiers != null) {
        modifiers.add(scrubbed);
      }
    }
    return modifiers == null ? command : new CliCommand(command.noun(), command.verb(), modifiers);
  }

  /** A usage event's data with its {@code error} text scrubbed; the same object when nothing changed. */
  public TelemetryData scrub(TelemetryData data) {
    String error = scrub(data.error());
    return error == data.error() ? data : new TelemetryData(data.eventType(), data.count(), error);
  }

  /**
   * The error with its messages, metadata values and frame file names scrubbed, along the whole
   * cause chain (iteratively: chains can be long). Returns the same object when nothing changed.
   */
  public ReportedError scrub(ReportedError error) {
    Deque<ReportedError> chain = new ArrayDeque<>();
    for (ReportedError e = error; e != null; e = e.cause()) {
      chain.push(e);
    }
    ReportedError cause = null;
    boolean changed = false;
    while (!chain.isEmpty()) {
      ReportedError e = chain.pop();
      String message = scrub(e.message());
      List<MetadataEntry> metadata = scrubMetadata(e.metadata());
      List<StackFrame> stack = scrubFrames(e.stack());
      if (changed || message != e.message() || metadata != e.metadata() || stack != e.stack()) {
        cause = new ReportedError(message, e.errorClass(), cause, stack, metadata);
        changed = true;
      } else {
        cause = e;
      }
    }
    return cause;
  }

  private List<MetadataEntry> scrubMetadata(List<MetadataEntry> metadata) {
    List<MetadataEntry> result = null;
    for (int i = 0; i < metadata.size(); i++) {
      MetadataEntry entry = metadata.get(i);
      // Keys too: a component's keys are names, but a client can send anything as one.
      String key = scrub(entry.key());
      String value = IdentifierScrubber.scrubValue(entry.key(), entry.value());
      boolean same = key == entry.key() && value == entry.value();
      if (!same && result == null) {
        result = new ArrayList<>(metadata.subList(0, i));
      }
      if (result != null) {
        result.add(same ? entry : new MetadataEntry(key, value));
      }
    }
    return result == null ? metadata : result;
  }

  private List<StackFrame> scrubFrames(List<StackFrame> stack) {
    List<StackFrame> result = null;
    for (int i = 0; i < stack.size(); i++) {
      StackFrame frame = stack.get(i);
      String file = scrub(frame.file());
      if (file != frame.file() && result == null) {
        result = new ArrayList<>(stack.subList(0, i));
      }
      if (result != null) {
        result.add(file == frame.file()
            ? frame : new StackFrame(file, frame.lineNumber(), frame.name(), frame.packageName()));
      }
    }
    return result == null ? stack : result;
  }
}
