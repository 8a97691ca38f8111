package dev.pulse.server.store;

import dev.pulse.schema.Component;
import dev.pulse.schema.ReportedError;
import java.time.Instant;
import java.util.Objects;

/**
 * An error report as stored: receive time, the component (contextId re-keyed), the fingerprint that
 * groups it (see {@code ingest.ErrorFingerprint}) and the error as sent.
 *
 * <p>{@code component} is null when the report came without one ({@code sendErrors} allows it): such
 * a report counts under no install, and is still grouped by its fingerprint and shown. The stores keep
 * its component columns as empty strings, which no re-keyed contextId can equal.
 */
public record StoredError(
    Instant receivedAt, Component component, String fingerprint, ReportedError error)
    implements StoredRecord {

  public StoredError {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(error, "error");
  }
}
