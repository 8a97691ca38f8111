package dev.pulse.client.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import dev.pulse.client.send.ServerLimits;
import dev.pulse.schema.IdentifierScrubber;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;

/**
 * Maps a Java exception to the wire's {@code Error}: scrubbed message, class name, the cause chain
 * (at most {@link #MAX_CHAIN} deep, cycle-safe), stack frames (at most {@link #MAX_FRAMES} per error)
 * with the file name only (never a directory), line, {@code Class.method} and package, and metadata
 * restricted to an allow-list of keys, its values scrubbed. What a misbehaving exception does not let
 * it read is left out, never the report: whatever a method of the host's exception or map throws (an
 * Error too: a {@code NoClassDefFoundError} of the host's own), a message that cannot be read is {@link
 * MessageScrubber#WITHHELD}, a stack that cannot be read has no frames (a null frame is skipped), a
 * cause that cannot be read ends the chain, a metadata entry with a null key or value is skipped, and a
 * metadata map that throws while it is read is left out whole.
 * Every field stays within the server's bounds ({@link ServerLimits}), so that no report is refused
 * with the others of its request: the class name and each frame's file, name and package are cut to
 * {@link ServerLimits#MAX_FIELD_LENGTH} characters, and metadata keeps at most {@link
 * ServerLimits#MAX_METADATA_ENTRIES} entries (first in key order) of the allowed ones, leaving out a
 * key longer than {@link ServerLimits#MAX_IDENTIFIER_LENGTH}: of a larger map of the JDK's own each
 * allowed key is looked up, of any other map only the first {@link #MAX_METADATA_READ} entries are
 * read. A character the server refuses in any string (a NUL, half a surrogate pair) is replaced as the
 * request is written ({@link ServerLimits#storable}), for every field of every request alike. Immutable
 * and thread-safe.
 */
public final class ErrorMapper {

  /** Causes beyond this depth are not reported. */
  public static final int MAX_CHAIN = 32;
  /** Frames beyond this count are not reported (innermost kept). */
  public static final int MAX_FRAMES = 64;
  /** Metadata values are cut to this many characters. */
  public static final int MAX_METADATA_VALUE = 200;
  /** Entries of a host's metadata map read at most: one past {@link ServerLimits#MAX_METADATA_ENTRIES}. */
  public static final int MAX_METADATA_READ = ServerLimits.MAX_METADATA_ENTRIES + 1;

  /** The JDK's maps, by exact class (a subclass may answer {@code get} its own way), whose get answers at once. */
  private static final Set<String> ANSWERING_MAPS = Set.of("java.util.HashMap", "java.util.LinkedHashMap",
      "java.util.TreeMap", "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentSkipListMap",
      "java.util.ImmutableCollections$MapN");

  /**
   * File names scrubbed before: a scrub costs tens of microseconds, and a process's frames come from
   * a few hundred files. Past this many, names are scrubbed each time.
   */
  private static final int MAX_SCRUBBED_FILE_NAMES = 2048;

  /** The longest file name kept scrubbed: a longer one is no source file's, and is scrubbed each time. */
  private static final int MAX_SCRUBBED_FILE_NAME_LENGTH = 200;

  private static final Map<String, String> SCRUBBED_FILE_NAMES = new ConcurrentHashMap<>();

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
      cause = new ReportedError(message(t), className(t), cause, frames(t), entries);
    }
    return cause;
  }

  /** The scrubbed message; withheld when the throwable's own getMessage() throws. */
  private String message(Throwable t) {
    String message;
    try {
      message = t.getMessage();
    } catch (Throwable unreadable) { // any: a NoClassDefFoundError of the host's formatter too
      return MessageScrubber.WITHHELD;
    }
    return ServerLimits.cut(scrubber.scrub(message), ServerLimits.MAX_MESSAGE_LENGTH);
  }

  private static String className(Throwable t) {
    return ServerLimits.cut(t.getClass().getName(), ServerLimits.MAX_FIELD_LENGTH);
  }

  /** A report of {@code throwable}'s class alone, its message withheld: when {@link #map} fails. */
  public static ReportedError withheld(Throwable throwable) {
    return new ReportedError(MessageScrubber.WITHHELD, className(throwable), null, List.of(), List.of());
  }

  /** The scrubbed form of a free-text message (e.g. a log record's pattern). */
  public String scrub(String message) {
    return scrubber.scrub(message);
  }

  /**
   * Metadata restricted to the allow-list, in key order; a value under a key that names a secret, a
   * user or a host replaced whole ({@link IdentifierScrubber#placeholderFor}), any other scrubbed as a
   * message is under {@link MessagePolicy#SCRUB} (whatever the policy); then cut to {@link
   * #MAX_METADATA_VALUE}; at most {@link ServerLimits#MAX_METADATA_ENTRIES} entries, none whose key is
   * longer than {@link ServerLimits#MAX_IDENTIFIER_LENGTH}. Which entries are read: {@link #candidates};
   * a key the map gives twice is kept once, with its first value.
   */
  public List<MetadataEntry> allowed(Map<String, String> metadata) {
    try {
      return allowedEntries(metadata);
    } catch (Throwable unreadable) {
      return List.of(); // a map that throws (the host's, broken): the report goes without its metadata
    }
  }

  private List<MetadataEntry> allowedEntries(Map<String, String> metadata) {
    Map<String, MetadataEntry> entries = new TreeMap<>(); // key order; a key repeated is kept once
    for (Map.Entry<String, String> e : candidates(metadata)) {
      if (e != null && e.getKey() != null && e.getValue() != null && allowedMetadata.contains(e.getKey())
          && e.getKey().length() <= ServerLimits.MAX_IDENTIFIER_LENGTH) {
        String placeholder = e.getValue().isEmpty() ? null : IdentifierScrubber.placeholderFor(e.getKey());
        String value = placeholder != null ? placeholder : metadataScrubber.scrub(e.getValue());
        entries.putIfAbsent(e.getKey(), new MetadataEntry(e.getKey(),
            value.length() > MAX_METADATA_VALUE ? value.substring(0, MAX_METADATA_VALUE) : value));
      }
    }
    return entries.values().stream().limit(ServerLimits.MAX_METADATA_ENTRIES).toList();
  }

  /**
   * The entries of {@code metadata} to judge. A larger map of the JDK's own (a {@code HashMap}, a
   * {@code TreeMap}, {@code Map.of}), whose {@code get} answers at once, is asked for each allowed key,
   * so that no allowed entry is lost however many others it holds. Any other map is read no further
   * than one entry past the bound: a host's map whose iteration never ends (or is absurdly long) must
   * not hold its thread, nor one whose {@code get} reads it whole.
   */
  private List<Map.Entry<String, String>> candidates(Map<String, String> metadata) {
    List<Map.Entry<String, String>> read = new ArrayList<>();
    if (ANSWERING_MAPS.contains(metadata.getClass().getName()) && metadata.size() > MAX_METADATA_READ) {
      for (String key : allowedMetadata) {
        String value = metadata.get(key);
        if (value != null) {
          read.add(Map.entry(key, value));
        }
      }
      return read;
    }
    Iterator<Map.Entry<String, String>> entries = metadata.entrySet().iterator();
    for (int n = 0; n < MAX_METADATA_READ && entries.hasNext(); n++) {
      read.add(entries.next());
    }
    return read;
  }

  private static List<Throwable> chainOf(Throwable throwable) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = throwable; t != null && chain.size() < MAX_CHAIN && seen.add(t); t = causeOf(t)) {
      chain.add(t);
    }
    return chain;
  }

  private static Throwable causeOf(Throwable t) {
    try {
      return t.getCause();
    } catch (Throwable unreadable) {
      return null;
    }
  }

  /** Frames of one throwable; none when its own getStackTrace() throws or returns null. */
  public static List<StackFrame> frames(Throwable t) {
    StackTraceElement[] trace;
    try {
      trace = t.getStackTrace();
    } catch (Throwable unreadable) {
      return List.of();
    }
    if (trace == null) {
      return List.of();
    }
    List<StackFrame> frames = new ArrayList<>(Math.min(trace.length, MAX_FRAMES));
    for (int i = 0; i < trace.length && frames.size() < MAX_FRAMES; i++) {
      if (trace[i] != null) {
        frames.add(frame(trace[i]));
      }
    }
    return frames;
  }

  static StackFrame frame(StackTraceElement e) {
    String className = e.getClassName();
    int dot = className.lastIndexOf('.');
    String pkg = dot < 0 ? "" : className.substring(0, dot);
    String simple = dot < 0 ? className : className.substring(dot + 1);
    int max = ServerLimits.MAX_FIELD_LENGTH;
    return new StackFrame(ServerLimits.cut(fileName(e.getFileName()), max), Math.max(e.getLineNumber(), 0),
        ServerLimits.cut(simple + "." + e.getMethodName(), max), ServerLimits.cut(pkg, max));
  }

  /**
   * The file name without any directory, scrubbed as the server scrubs it ("Script_jane@acme.com.groovy"
   * goes as {@code <email>}); "" when unknown.
   */
  static String fileName(String file) {
    if (file == null) {
      return "";
    }
    int cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    String name = cut < 0 ? file : file.substring(cut + 1);
    String scrubbed = SCRUBBED_FILE_NAMES.get(name);
    if (scrubbed == null) {
      scrubbed = MessageScrubber.identifiersOf(name);
      if (name.length() <= MAX_SCRUBBED_FILE_NAME_LENGTH && SCRUBBED_FILE_NAMES.size() < MAX_SCRUBBED_FILE_NAMES) {
        SCRUBBED_FILE_NAMES.put(name, scrubbed);
      }
    }
    return scrubbed;
  }
}
