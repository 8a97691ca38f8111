package dev.pulse.server.store.duckdb.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The binary encoding of a {@link RecordBatch}: the journal's on-disk format. Changing it needs a new
 * version byte, and {@link #decode} must keep reading every older version still found in journals.
 *
 * <p>Version 1, all integers big-endian:
 *
 * <pre>
 * batch     = version:u8 (1), count:i32 event*, count:i32 command*, count:i32 error*
 * event     = instant, component, eventType:str, count:i32, error:str
 * command   = instant, version:str, contextId:str, cloudClientId:str, noun:str, verb:str,
 *             count:i32 modifier:str*
 * error     = instant, component, fingerprint:str, chainLength:i32 link*   (innermost cause first)
 * link      = message:str, errorClass:str, count:i32 frame*, count:i32 (key:str value:str)*
 * frame     = file:str, lineNumber:i32, name:str, package:str
 * component = componentType:str, componentInstanceId:str, contextId:str, version:str, cloudClientId:str
 *             (an error reported without a component: five empty strings)
 * instant   = epochSecond:i64, nano:i32
 * str       = n:i32, then n >= 0: n bytes of UTF-8, the batch's next string
 *                        n < 0: the batch's string number -n-1 again (0 is the first)
 * </pre>
 *
 * Enum constants are written by name, so reordering an enum cannot change old entries' meaning. A
 * cause chain is written innermost first so that both directions are loops, however long it is.
 *
 * <p>Strings are encoded with {@link String#getBytes(java.nio.charset.Charset) getBytes(UTF_8)}, which
 * writes a lone surrogate as {@code '?'}; every other string decodes equal. The server only stores
 * text parsed from valid UTF-8, which holds no lone surrogates. Decoding rejects bytes that do not
 * parse as a batch, but not corruption that keeps the structure valid (a changed character or count;
 * malformed UTF-8 decodes to U+FFFD): the journal must checksum its entries for that.
 */
public final class BatchCodec {

  /** The format {@link #encode} writes. */
  static final byte VERSION = 1;

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  // Every list element holds at least one i32, so a count is at most the bytes remaining / 4.
  private static final int MIN_ELEMENT_BYTES = 4;

  private BatchCodec() {}

  public static byte[] encode(RecordBatch batch) {
    Writer out = new Writer(64 + 64 * batch.size());
    out.writeByte(VERSION);
    out.writeInt(batch.events().size());
    for (StoredEvent event : batch.events()) {
      writeEvent(out, event);
    }
    out.writeInt(batch.cliCommands().size());
    for (StoredCliCommand command : batch.cliCommands()) {
      writeCliCommand(out, command);
    }
    out.writeInt(batch.errors().size());
    for (StoredError error : batch.errors()) {
      writeError(out, error);
    }
    return out.toByteArray();
  }

  /**
   * The batch encoded in {@code bytes[offset, offset + length)}, which must hold exactly one batch.
   *
   * @throws StoreException if those bytes are not a batch of a known version
   * @throws IndexOutOfBoundsException if the range is not within {@code bytes}
   */
  public static RecordBatch decode(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    Reader in = new Reader(bytes, offset, length);
    int version = in.readByte("format version");
    if (version != VERSION) {
      throw new StoreException(
          "Unsupported journal batch format version " + version + " (this server reads " + VERSION + ")");
    }
    int eventCount = in.readCount("number of events");
    List<StoredEvent> events = new ArrayList<>(eventCount);
    for (int i = 0; i < eventCount; i++) {
      events.add(readEvent(in));
    }
    int commandCount = in.readCount("number of CLI commands");
    List<StoredCliCommand> commands = new ArrayList<>(commandCount);
    for (int i = 0; i < commandCount; i++) {
      commands.add(readCliCommand(in));
    }
    int errorCount = in.readCount("number of errors");
    List<StoredError> errors = new ArrayList<>(errorCount);
    for (int i = 0; i < errorCount; i++) {
      errors.add(readError(in));
    }
    if (in.remaining() > 0) {
      throw in.malformed(in.offset(), in.remaining() + " bytes follow the end of the batch");
    }
    return new RecordBatch(events, commands, errors);
  }

  private static void writeEvent(Writer out, StoredEvent event) {
    writeInstant(out, event.receivedAt());
    writeComponent(out, event.component());
    out.writeString(event.data().eventType().name());
    out.writeInt(event.data().count());
    out.writeString(event.data().error());
  }

  private static StoredEvent readEvent(Reader in) {
    Instant receivedAt = readInstant(in);
    int componentAt = in.offset();
    Component component = readComponent(in);
    if (component == null) {
      throw in.malformed(componentAt, "an event without a component");
    }
    EventType eventType = readEnum(in, EventType.class, "event type");
    int at = in.offset();
    int count = in.readInt("event count");
    if (count < 0) {
      throw in.malformed(at, "negative event count " + count);
    }
    String error = in.readString("event error");
    return new StoredEvent(receivedAt, component, new TelemetryData(eventType, count, error));
  }

  private static void writeCliCommand(Writer out, StoredCliCommand stored) {
    writeInstant(out, stored.receivedAt());
    CliIdentifier identifier = stored.identifier();
    out.writeString(identifier.version());
    out.writeString(identifier.contextId());
    out.writeString(identifier.cloudClientId());
    CliCommand command = stored.command();
    out.writeString(command.noun());
    out.writeString(command.verb());
    out.writeInt(command.modifiers().size());
    for (String modifier : command.modifiers()) {
      out.writeString(modifier);
    }
  }

  private static StoredCliCommand readCliCommand(Reader in) {
    Instant receivedAt = readInstant(in);
    String version = in.readString("CLI version");
    String contextId = in.readString("CLI contextId");
    String cloudClientId = in.readString("CLI cloudClientId");
    String noun = in.readString("CLI command noun");
    String verb = in.readString("CLI command verb");
    int modifierCount = in.readCount("number of CLI modifiers");
    List<String> modifiers = new ArrayList<>(modifierCount);
    for (int i = 0; i < modifierCount; i++) {
      modifiers.add(in.readString("CLI modifier"));
    }
    return new StoredCliCommand(
        receivedAt,
        new CliIdentifier(version, contextId, cloudClientId),
        new CliCommand(noun, verb, modifiers));
  }

  private static void writeError(Writer out, StoredError error) {
    writeInstant(out, error.receivedAt());
    if (error.component() == null) {
      for (int i = 0; i < 5; i++) {
        out.writeString("");
      }
    } else {
      writeComponent(out, error.component());
    }
    out.writeString(error.fingerprint());
    ReportedError[] chain = chain(error.error());
    out.writeInt(chain.length);
    for (int i = chain.length - 1; i >= 0; i--) {
      writeLink(out, chain[i]);
    }
  }

  /** The error and its causes, outermost first. */
  private static ReportedError[] chain(ReportedError outermost) {
    ReportedError[] chain = new ReportedError[outermost.chainLength()];
    ReportedError link = outermost;
    for (int i = 0; i < chain.length; i++) {
      chain[i] = link;
      link = link.cause();
    }
    return chain;
  }

  private static void writeLink(Writer out, ReportedError link) {
    out.writeString(link.message());
    out.writeString(link.errorClass());
    out.writeInt(link.stack().size());
    for (StackFrame frame : link.stack()) {
      out.writeString(frame.file());
      out.writeInt(frame.lineNumber());
      out.writeString(frame.name());
      out.writeString(frame.packageName());
    }
    out.writeInt(link.metadata().size());
    for (MetadataEntry entry : link.metadata()) {
      out.writeString(entry.key());
      out.writeString(entry.value());
    }
  }

  private static StoredError readError(Reader in) {
    Instant receivedAt = readInstant(in);
    Component component = readComponent(in);
    String fingerprint = in.readString("error fingerprint");
    int at = in.offset();
    int chainLength = in.readCount("error cause chain length");
    if (chainLength == 0) {
      throw in.malformed(at, "an error with an empty cause chain");
    }
    ReportedError error = null;
    for (int i = 0; i < chainLength; i++) {
      error = readLink(in, error);
    }
    return new StoredError(receivedAt, component, fingerprint, error);
  }

  private static ReportedError readLink(Reader in, ReportedError cause) {
    String message = in.readString("error message");
    String errorClass = in.readString("error class");
    int frameCount = in.readCount("number of stack frames");
    List<StackFrame> stack = new ArrayList<>(frameCount);
    for (int i = 0; i < frameCount; i++) {
      String file = in.readString("stack frame file");
      int lineNumber = in.readInt("stack frame line number");
      String name = in.readString("stack frame name");
      String packageName = in.readString("stack frame package");
      stack.add(new StackFrame(file, lineNumber, name, packageName));
    }
    int entryCount = in.readCount("number of metadata entries");
    List<MetadataEntry> metadata = new ArrayList<>(entryCount);
    for (int i = 0; i < entryCount; i++) {
      String key = in.readString("metadata key");
      metadata.add(new MetadataEntry(key, in.readString("metadata value")));
    }
    return new ReportedError(message, errorClass, cause, stack, metadata);
  }

  private static void writeComponent(Writer out, Component component) {
    out.writeString(component.componentType().name());
    out.writeString(component.componentInstanceId());
    out.writeString(component.contextId());
    out.writeString(component.version());
    out.writeString(component.cloudClientId());
  }

  /** A component, or null for five empty strings (an error reported without one). */
  private static Component readComponent(Reader in) {
    int at = in.offset();
    String typeName = in.readString("component type");
    String instanceId = in.readString("componentInstanceId");
    String contextId = in.readString("component contextId");
    String version = in.readString("component version");
    String cloudClientId = in.readString("component cloudClientId");
    if (typeName.isEmpty() && instanceId.isEmpty() && contextId.isEmpty() && version.isEmpty()) {
      return null;
    }
    ComponentType type = named(in, at, ComponentType.class, typeName);
    // A repeated string is the same object, so records of one install share one component again.
    Component last = in.lastComponent;
    if (last != null && last.componentType() == type && last.componentInstanceId() == instanceId
        && last.contextId() == contextId && last.version() == version && last.cloudClientId() == cloudClientId) {
      return last;
    }
    in.lastComponent = new Component(type, instanceId, contextId, version, cloudClientId);
    return in.lastComponent;
  }

  private static void writeInstant(Writer out, Instant instant) {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private static Instant readInstant(Reader in) {
    int at = in.offset();
    long seconds = in.readLong("receivedAt seconds");
    int nanos = in.readInt("receivedAt nanos");
    if (seconds < Instant.MIN.getEpochSecond()
        || seconds > Instant.MAX.getEpochSecond()
        || nanos < 0
        || nanos > 999_999_999) {
      throw in.malformed(at, "receivedAt " + seconds + " s + " + nanos + " ns is not an Instant");
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static <E extends Enum<E>> E readEnum(Reader in, Class<E> type, String what) {
    int at = in.offset();
    return named(in, at, type, in.readString(what));
  }

  private static <E extends Enum<E>> E named(Reader in, int at, Class<E> type, String name) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      String shown = name.length() <= 64 ? name : name.substring(0, 64) + "...";
      throw in.malformed(at, "unknown " + type.getSimpleName() + " '" + shown + "'");
    }
  }

  /** A growable buffer that writes each distinct string once. */
  private static final class Writer {
    private final Map<String, Integer> stringNumbers = new HashMap<>();
    private byte[] buffer;
    private int position;

    Writer(int capacity) {
      buffer = new byte[capacity];
    }

    void writeByte(int value) {
      ensureRoom(1);
      buffer[position++] = (byte) value;
    }

    void writeInt(int value) {
      ensureRoom(4);
      INT.set(buffer, position, value);
      position += 4;
    }

    void writeLong(long value) {
      ensureRoom(8);
      LONG.set(buffer, position, value);
      position += 8;
    }

    void writeString(String value) {
      Integer number = stringNumbers.putIfAbsent(value, stringNumbers.size());
      if (number != null) {
        writeInt(-1 - number);
        return;
      }
      byte[] utf8 = value.getBytes(UTF_8);
      writeInt(utf8.length);
      ensureRoom(utf8.length);
      System.arraycopy(utf8, 0, buffer, position, utf8.length);
      position += utf8.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer, position);
    }

    private void ensureRoom(int bytes) {
      if (bytes <= buffer.length - position) {
        return;
      }
      // Arrays near Integer.MAX_VALUE cannot be allocated on every VM.
      int limit = Integer.MAX_VALUE - 8;
      if (bytes > limit - position) {
        throw new StoreException("Batch too large to encode: over " + limit + " bytes");
      }
      long grown = Math.max(2L * buffer.length, (long) position + bytes);
      buffer = Arrays.copyOf(buffer, (int) Math.min(grown, limit));
    }
  }

  /** Reads {@code bytes[start, end)}, checking every read against what remains. */
  private static final class Reader {
    private final List<String> strings = new ArrayList<>();
    private Component lastComponent;
    private final byte[] bytes;
    private final int start;
    private final int end;
    private int position;

    Reader(byte[] bytes, int offset, int length) {
      this.bytes = bytes;
      this.start = offset;
      this.end = offset + length;
      this.position = offset;
    }

    /** The offset of the next read, from the start of the batch. */
    int offset() {
      return position - start;
    }

    int remaining() {
      return end - position;
    }

    int readByte(String what) {
      require(1, what);
      return bytes[position++] & 0xFF;
    }

    int readInt(String what) {
      require(4, what);
      int value = (int) INT.get(bytes, position);
      position += 4;
      return value;
    }

    long readLong(String what) {
      require(8, what);
      long value = (long) LONG.get(bytes, position);
      position += 8;
      return value;
    }

    /** A list's element count, checked against the bytes remaining before anything is allocated. */
    int readCount(String what) {
      int at = offset();
      int count = readInt(what);
      if (count < 0) {
        throw malformed(at, "negative " + what + " " + count);
      }
      if (count > remaining() / MIN_ELEMENT_BYTES) {
        throw malformed(at, what + " " + count + " does not fit in the " + remaining() + " bytes left");
      }
      return count;
    }

    String readString(String what) {
      int at = offset();
      if (remaining() < 4) {
        throw malformed(at, what + " length needs 4 bytes but only " + remaining() + " are left");
      }
      int length = readInt(what);
      if (length < 0) {
        return repeatedString(at, -1 - length, what);
      }
      if (length > remaining()) {
        throw malformed(
            at, what + " of " + length + " bytes does not fit in the " + remaining() + " bytes left");
      }
      String value = new String(bytes, position, length, UTF_8);
      position += length;
      strings.add(value);
      return value;
    }

    private String repeatedString(int at, int number, String what) {
      if (number >= strings.size()) {
        throw malformed(
            at, what + " repeats string #" + number + " but only " + strings.size() + " precede it");
      }
      return strings.get(number);
    }

    private void require(int bytes, String what) {
      if (bytes > remaining()) {
        throw malformed(
            offset(), what + " needs " + bytes + " bytes but only " + remaining() + " are left");
      }
    }

    StoreException malformed(int at, String problem) {
      return new StoreException(
          "Malformed journal batch at offset " + at + " of " + (end - start) + ": " + problem);
    }
  }
}
