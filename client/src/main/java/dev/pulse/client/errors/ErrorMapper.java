package dev.pulse.client.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;

/**
 * Maps a Java exception to the wire's {@code Error}: scrubbed message, class name, the cause chain
 * (at most {@link #MAX_CHAIN} deep, cycle-safe), stack frames (at most {@link #MAX_FRAMES} per error)
 * with the file name only (never a directory), line, {@code Class.method} and package, and metadata
 * restricted to an allow-list of keys, its values scrubbed. Immutable and thread-safe.
 */
public final class ErrorMapper {

  /** Causes beyond this depth are not reported. */
  public static final int MAX_CHAIN = 32;
  /** Frames beyond this count are not reported (innermost kept). */
  public static final int MAX_FRAMES = 64;
  /** Metadata values are cut to this many characters. */
  public static final int MAX_METADATA_VALUE = 200;

  private final MessageScrubber scrubber;
  /** Metadata values are scrubbed whatever the message policy: the policy is about messages. */
  private final MessageScrubber metadataScrubber = new MessageScrubber(MessagePolicy.SCRUB);
  private final Set<String> allowedMetadata;

  /** A mapper with this message policy and metadata allow-list. */
  public ErrorMapper(MessagePolicy policy, Set<String> allowedMetadata) {
    this.scrubber = new MessageScrubber(policy);
    this.allowedMetadata = Set.copyOf(allowedMetadata);
  }

  /** Maps an exception with no metadata. */
  public ReportedError map(Throwable throwable) {
    return map(throwable, Map.of());
  }

  /** Maps an exception; metadata keys not on the allow-list are dropped. */
  public ReportedError map(Throwable throwable, Map<String, String> metadata) {
    List<Throwable> chain = chainOf(throwable);
    ReportedError cause = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable t = chain.get(i);
      List<MetadataEntry> entries = i == 0 ? allowed(metadata) : List.of();
      cause = new ReportedError(
          scrubber.scrub(t.getMessage()), t.getClass().getName(), cause, frames(t), entries);
    }
    return cause;
  }

  /** The scrubbed form of a free-text message (e.g. a log record's pattern). */
  public String scrub(String message) {
    return scrubber.scrub(message);
  }

  /**
   * Metadata restricted to the allow-list, in key order; each value scrubbed as a message is under
   * {@link MessagePolicy#SCRUB} (whatever the policy), then cut to {@link #MAX_METADATA_VALUE}.
   */
  public List<MetadataEntry> allowed(Map<String, String> metadata) {
    List<MetadataEntry> entries = new ArrayList<>();
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      if (allowedMetadata.contains(e.getKey()) && e.getValue() != null) {
        String value = metadataScrubber.scrub(e.getValue());
        entries.add(new MetadataEntry(e.getKey(),
            value.length() > MAX_METADATA_VALUE ? value.substring(0, MAX_METADATA_VALUE) : value));
      }
    }
    entries.sort((a, b) -> a.key().compareTo(b.key()));
    return entries;
  }

  private static List<Throwable> chainOf(Throwable throwable) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = throwable; t != null && chain.size() < MAX_CHAIN && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /** Frames of one throwable. */
  public static List<StackFrame> frames(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    List<StackFrame> frames = new ArrayList<>(Math.min(trace.length, MAX_FRAMES));
    for (int i = 0; i < trace.length && i < MAX_FRAMES; i++) {
      frames.add(frame(trace[i]));
    }
    return frames;
  }

  static StackFrame frame(StackTraceElement e) {
    String className = e.getClassName();
    int dot = className.lastIndexOf('.');
    String pkg = dot < 0 ? "" : className.substring(0, dot);
    String simple = dot < 0 ? className : className.substring(dot + 1);
    return new StackFrame(fileName(e.getFileName()), Math.max(e.getLineNumber(), 0),
        simple + "." + e.getMethodName(), pkg);
  }

  /** The file name without any directory; "" when unknown. */
  static String fileName(String file) {
    if (file == null) {
      return "";
    }
    int cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    return cut < 0 ? file : file.substring(cut + 1);
  }
}
