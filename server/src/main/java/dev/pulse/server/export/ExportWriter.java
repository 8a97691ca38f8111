package dev.pulse.server.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.RecordSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Streams one kind of stored record as NDJSON in the export format, oldest first, without holding
 * them in memory. Used by the export endpoint and by {@code pulse export}.
 */
public final class ExportWriter {

  private ExportWriter() {}

  /**
   * Writes every stored record of {@code kind} to {@code out} (not closed).
   *
   * @throws UncheckedIOException when {@code out} fails (e.g. the client went away); the store read stops
   */
  public static void write(RecordSource store, RecordKind kind, OutputStream out) throws IOException {
    try (JsonGenerator lines = ExportFormat.generator(out)) {
      switch (kind) {
        case EVENTS:
          store.forEachEvent(event -> write(() -> ExportFormat.writeEvent(lines, event)));
          break;
        case CLI_COMMANDS:
          store.forEachCliCommand(command -> write(() -> ExportFormat.writeCliCommand(lines, command)));
          break;
        case ERRORS:
          store.forEachError(error -> write(() -> ExportFormat.writeError(lines, error)));
          break;
      }
    }
    out.flush();
  }

  private interface Write {
    void run() throws IOException;
  }

  private static void write(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
