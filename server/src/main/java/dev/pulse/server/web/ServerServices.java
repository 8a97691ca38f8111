package dev.pulse.server.web;

import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/**
 * What a running server offers to the routes added to it.
 *
 * @param store the store (a group commit store in front of the embedded one)
 * @param contextKeyer re-keys contextIds given by users (filters, erasure) as stored ones are
 * @param meters the metrics registry behind {@code /metrics}
 * @param dataDir the data dir
 */
public record ServerServices(EventStore store, ContextKeyer contextKeyer, MeterRegistry meters, Path dataDir) {}
