package dev.pulse.server.store;

import dev.pulse.schema.Component;
import dev.pulse.schema.ReportedError;
import java.time.Instant;
import java.util.Objects;

/**
 * An error report as stored: receive time, the component (contextId re-keyed), the fingerprint that
 * groups it (see {@code ingest.ErrorFingerprint}) and the error as sent.
 */
public record StoredError(
    Instant receivedAt, Component component, String fingerprint, ReportedError error)
    implements StoredRecord {

  public StoredError {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(error, "error");
  }
}
