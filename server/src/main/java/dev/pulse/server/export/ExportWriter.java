package dev.pulse.server.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.RecordSource;
import dev.pulse.server.store.StoredRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Streams one kind of stored record as NDJSON in the export format, in the order stored, without holding
 * them in memory: all of them, or those of a range of days. Used by the export endpoint and by {@code
 * pulse export}.
 */
public final class ExportWriter {

  private ExportWriter() {}

  /**
   * Writes every stored record of {@code kind} to {@code out} (not closed).
   *
   * @throws UncheckedIOException when {@code out} fails (e.g. the client went away); the store read stops
   */
  public static void write(RecordSource store, RecordKind kind, OutputStream out) throws IOException {
    write(store, kind, ExportRange.ALL, out);
  }

  /**
   * Writes the stored records of {@code kind} received in {@code range} to {@code out} (not closed).
   *
   * @throws UncheckedIOException when {@code out} fails (e.g. the client went away); the store read stops
   */
  public static void write(RecordSource store, RecordKind kind, ExportRange range, OutputStream out)
      throws IOException {
    try (JsonGenerator lines = ExportFormat.generator(out)) {
      Consumer<StoredRecord> sink = record -> write(() -> ExportFormat.writeRecord(lines, record));
      if (range.isAll()) {
        store.forEach(kind, sink);
      } else {
        store.forEachReceivedIn(kind, range.start(), range.end(), sink);
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
