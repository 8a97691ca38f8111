package dev.pulse.server.imports;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pulse.server.export.ExportFormat;
import dev.pulse.server.store.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The identity of a record, as an import compares it: SHA-256 of the record's line as the export
 * writes it ({@link ExportFormat}, {@code docs/api.md}). So two records are the same when every
 * exported field is equal (kind, receive time to the millisecond, contextId as stored, every wire
 * field), whichever store holds them and whatever their {@code seq}; the input line's field order,
 * spacing and unknown fields do not count.
 *
 * <p>Not thread-safe: one per import.
 */
final class RecordIdentity {

  private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
  private final MessageDigest sha256;

  RecordIdentity() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The record's identity; equal buffers mean the same record. */
  ByteBuffer of(StoredRecord record) {
    line.reset();
    try (JsonGenerator out = ExportFormat.generator(line)) {
      ExportFormat.writeRecord(out, record);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return ByteBuffer.wrap(sha256.digest(line.toByteArray()));
  }
}
