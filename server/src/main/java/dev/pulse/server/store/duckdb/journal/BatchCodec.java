package dev.pulse.server.store.duckdb.journal;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  private BatchCodec() {}

  public static byte[] encode(RecordBatch batch) {
    BatchOutput out = new BatchOutput(64 + 64 * batch.size());
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
    BatchInput in = new BatchInput(bytes, offset, length);
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

  private static void writeEvent(BatchOutput out, StoredEvent event) {
    out.writeInstant(event.receivedAt());
    out.writeComponent(event.component());
    out.writeString(event.data().eventType().name());
    out.writeInt(event.data().count());
    out.writeString(event.data().error());
  }

  private static StoredEvent readEvent(BatchInput in) {
    Instant receivedAt = in.readInstant();
    int componentAt = in.offset();
    Component component = in.readComponent();
    if (component == null) {
      throw in.malformed(componentAt, "an event without a component");
    }
    EventType eventType = in.readEnum(EventType.class, "event type");
    int at = in.offset();
    int count = in.readInt("event count");
    if (count < 0) {
      throw in.malformed(at, "negative event count " + count);
    }
    String error = in.readString("event error");
    return new StoredEvent(receivedAt, component, new TelemetryData(eventType, count, error));
  }

  private static void writeCliCommand(BatchOutput out, StoredCliCommand stored) {
    out.writeInstant(stored.receivedAt());
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

  private static StoredCliCommand readCliCommand(BatchInput in) {
    Instant receivedAt = in.readInstant();
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

  private static void writeError(BatchOutput out, StoredError error) {
    out.writeInstant(error.receivedAt());
    if (error.component() == null) {
      for (int i = 0; i < 5; i++) {
        out.writeString("");
      }
    } else {
      out.writeComponent(error.component());
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

  private static void writeLink(BatchOutput out, ReportedError link) {
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

  private static StoredError readError(BatchInput in) {
    Instant receivedAt = in.readInstant();
    Component component = in.readComponent();
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

  private static ReportedError readLink(BatchInput in, ReportedError cause) {
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
}
