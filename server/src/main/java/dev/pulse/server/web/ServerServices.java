package dev.pulse.server.web;

import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.FileBackup;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a running server offers to the routes added to it.
 *
 * @param store the store (a group commit store in front of the embedded one)
 * @param contextKeyer re-keys contextIds given by users (filters, erasure) as stored ones are
 * @param meters the metrics registry behind {@code /metrics}
 * @param dataDir the data dir
 * @param backup the store's file backup, if it has one (the embedded store)
 */
public record ServerServices(
    EventStore store, ContextKeyer contextKeyer, MeterRegistry meters, Path dataDir, Optional<FileBackup> backup) {

  /** Services of a store without a file backup. */
  public ServerServices(EventStore store, ContextKeyer contextKeyer, MeterRegistry meters, Path dataDir) {
    this(store, contextKeyer, meters, dataDir, Optional.empty());
  }
}
