package dev.pulse.server.imports;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.export.ExportFormat;
import dev.pulse.server.privacy.ErrorTextScrubber;
import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.StoredRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Loads records in the NDJSON export format ({@link ExportFormat}, {@code docs/api.md}) into a
 * store, keeping each record's {@code receivedAt} and storing {@code contextId}s as given: they come
 * from an export, so they are already re-keyed.
 *
 * <p><b>Idempotent.</b> A record the store already has (same {@link RecordIdentity}) is skipped, so
 * importing a file again adds nothing, and rerunning an import that stopped adds only what it had
 * not committed. Identical records are counted: the n-th copy in the file is skipped only if the
 * store had n (see {@link PresentRecords} for the bound on how far apart copies may be).
 *
 * <p><b>Batches.</b> Records are compared and appended in batches of {@code batchSize}, each one
 * transaction. A bad line stops the import with an {@link ImportException} naming it, after the
 * batches before it were committed; give a batch size above the line count for all or nothing.
 * Blank lines are skipped.
 *
 * <p>Imports in one JVM compare and append one batch at a time, so two imports of the same file at
 * once still add it once; imports from several processes into one database are not serialized.
 *
 * <p>Into a running server's store, batches go through {@link EventStore#append}; a command that
 * owns the store loads them through its {@link BulkLoader} instead, with the same comparison.
 */
public final class NdjsonImporter {

  private static final Object ONE_BATCH_AT_A_TIME = new Object();
  private static final ErrorTextScrubber SCRUBBER = new ErrorTextScrubber();

  private final PresentRecords.Reader store;
  private final Consumer<RecordBatch> writes;
  private final Runnable flush;
  private final int batchSize;

  /** Imports into a store that may be serving requests, appending each batch. */
  public NdjsonImporter(EventStore store, int batchSize) {
    this(store::forEachReceivedBetween, store::append, () -> {}, batchSize);
  }

  /**
   * Imports through a bulk loader, loading each batch; every batch is committed when the import
   * returns or stops at a bad line.
   */
  public NdjsonImporter(BulkLoader loader, int batchSize) {
    this(loader::forEachReceivedBetween, loader::load, loader::flush, batchSize);
  }

  private NdjsonImporter(PresentRecords.Reader store, Consumer<RecordBatch> writes, Runnable flush, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    this.store = Objects.requireNonNull(store, "store");
    this.writes = writes;
    this.flush = flush;
    this.batchSize = batchSize;
  }

  /**
   * Imports every line of {@code text}; returns how many records were added and how many were already
   * there. A line over 32 Mi characters, or one after the first that starts with a byte-order mark,
   * stops it like a bad record (no export writes one); a byte-order mark at the start of the text is
   * skipped.
   */
  public ImportResult importFrom(Reader text, RecordKind kind) {
    BoundedLines lines = new BoundedLines(text);
    PresentRecords present = new PresentRecords(store, kind);
    List<StoredRecord> batch = new ArrayList<>();
    ImportResult done = ImportResult.NONE;
    long lineNumber = 0;
    try {
      for (String line = lines.next(); line != null; line = lines.next()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        StoredRecord record;
        try {
          record = read(kind, line);
        } catch (RuntimeException e) {
          flush.run(); // what the exception reports as imported is committed
          throw new ImportException(lineNumber, e.getMessage() + otherKind(kind, line), done, e);
        }
        if (batch.size() == batchSize) {
          done = done.plus(commit(present, kind, batch));
          batch.clear();
        }
        batch.add(record);
      }
    } catch (BoundedLines.BadLineException e) {
      flush.run(); // what the exception reports as imported is committed
      throw new ImportException(lineNumber + 1, e.getMessage(), done, e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "reading the import failed at line " + (lineNumber + 1) + ": " + e.getMessage(), e);
    }
    done = done.plus(commit(present, kind, batch));
    flush.run();
    return done;
  }

  private ImportResult commit(PresentRecords present, RecordKind kind, List<StoredRecord> batch) {
    if (batch.isEmpty()) {
      return ImportResult.NONE;
    }
    synchronized (ONE_BATCH_AT_A_TIME) {
      List<StoredRecord> absent = present.absent(batch);
      if (!absent.isEmpty()) {
        writes.accept(toBatch(kind, absent));
      }
      return new ImportResult(absent.size(), batch.size() - absent.size());
    }
  }

  private static StoredRecord read(RecordKind kind, String line) {
    return scrubbed(switch (kind) {
      case EVENTS -> ExportFormat.readEvent(line);
      case CLI_COMMANDS -> ExportFormat.readCliCommand(line);
      case ERRORS -> ExportFormat.readError(line);
    });
  }

  /** For a line that is not a record of {@code kind}: the kind it is one of, if any, as a hint. */
  private static String otherKind(RecordKind kind, String line) {
    for (RecordKind other : RecordKind.values()) {
      if (other != kind && reads(other, line)) {
        return "; the line is one of " + other.plural() + ": import it with the kind " + other.pathName();
      }
    }
    return "";
  }

  private static boolean reads(RecordKind kind, String line) {
    try {
      read(kind, line);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The record with its client text (error text, CLI modifiers) scrubbed as ingestion scrubs it: an
   * export made before scrubbing, or before a scrubbing rule, is too. {@link PresentRecords} compares
   * stored records in this form, so re-importing an older export adds nothing.
   */
  static StoredRecord scrubbed(StoredRecord record) {
    if (record instanceof StoredEvent event) {
      TelemetryData data = SCRUBBER.scrub(event.data());
      return data == event.data() ? event : new StoredEvent(event.receivedAt(), event.component(), data);
    }
    if (record instanceof StoredError error) {
      ReportedError scrubbed = SCRUBBER.scrub(error.error());
      return scrubbed == error.error() ? error
          : new StoredError(error.receivedAt(), error.component(), error.fingerprint(), scrubbed);
    }
    if (record instanceof StoredCliCommand cli) {
      CliCommand command = SCRUBBER.scrub(cli.command());
      return command == cli.command() ? cli : new StoredCliCommand(cli.receivedAt(), cli.identifier(), command);
    }
    return record;
  }


  private static RecordBatch toBatch(RecordKind kind, List<StoredRecord> records) {
    return switch (kind) {
      case EVENTS -> RecordBatch.ofEvents(records.stream().map(StoredEvent.class::cast).toList());
      case CLI_COMMANDS -> RecordBatch.ofCliCommands(records.stream().map(StoredCliCommand.class::cast).toList());
      case ERRORS -> RecordBatch.ofErrors(records.stream().map(StoredError.class::cast).toList());
    };
  }
}
