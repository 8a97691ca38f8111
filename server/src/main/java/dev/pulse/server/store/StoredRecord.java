package dev.pulse.server.store;

import java.time.Instant;

/** A stored record of any kind: what a read that spans kinds hands out. */
public sealed interface StoredRecord permits StoredEvent, StoredCliCommand, StoredError {

  /** The server's receive time. */
  Instant receivedAt();
}
