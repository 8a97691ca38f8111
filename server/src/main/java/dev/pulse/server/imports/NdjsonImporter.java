package dev.pulse.server.imports;

import dev.pulse.server.export.ExportKind;

import dev.pulse.server.export.ExportFormat;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;


/**
 * Loads records in the NDJSON export format ({@link ExportFormat}, {@code docs/api.md}) into a store, keeping each record's
 * {@code receivedAt} and storing {@code contextId}s as given: they come from an export, so they are
 * already re-keyed. Records are appended in batches of {@code batchSize}; a bad line stops the import
 * with an {@link ImportException} naming it, after the batches before it were committed (give a
 * batch size above the line count for all or nothing). Blank lines are skipped.
 */
public final class NdjsonImporter {

  private final EventStore store;
  private final int batchSize;

  public NdjsonImporter(EventStore store, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    this.store = store;
    this.batchSize = batchSize;
  }

  /** Imports every line; returns the number of records imported. */
  public long importFrom(BufferedReader lines, ExportKind kind) {
    List<StoredEvent> events = new ArrayList<>();
    List<StoredCliCommand> commands = new ArrayList<>();
    List<StoredError> errors = new ArrayList<>();
    long lineNumber = 0;
    long imported = 0;
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          switch (kind) {
            case EVENTS -> events.add(ExportFormat.readEvent(line));
            case CLI -> commands.add(ExportFormat.readCliCommand(line));
            case ERRORS -> errors.add(ExportFormat.readError(line));
          }
        } catch (RuntimeException e) {
          throw new ImportException(lineNumber, e.getMessage(), e);
        }
        if (events.size() + commands.size() + errors.size() >= batchSize) {
          imported += flush(events, commands, errors);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the import failed at line " + lineNumber, e);
    }
    return imported + flush(events, commands, errors);
  }

  private long flush(List<StoredEvent> events, List<StoredCliCommand> commands, List<StoredError> errors) {
    RecordBatch batch = new RecordBatch(events, commands, errors);
    if (!batch.isEmpty()) {
      store.append(batch);
    }
    events.clear();
    commands.clear();
    errors.clear();
    return batch.size();
  }
}
