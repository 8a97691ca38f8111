package dev.pulse.cli.query;

import dev.pulse.cli.store.LocalStore;
import dev.pulse.cli.access.Target;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.Storage;

/**
 * The analytics of a store opened directly ({@code --data-dir}, or {@code --store}), for a command
 * that only reads: a data dir or database without a store is refused, untouched, as {@link
 * LocalStore#openExistingStorage} does. Like a server, it folds new records into the rollups first.
 */
final class LocalAnalytics implements AutoCloseable {

  final Storage storage;
  final EventStore store;
  final Analytics analytics;

  private LocalAnalytics(Storage storage) {
    this.storage = storage;
    this.store = storage.events();
    this.analytics = Analytics.create(storage.analytics());
  }

  /** Opens the store of {@code target} ({@code --store}, or the embedded one of its data dir, which must hold one). */
  static LocalAnalytics open(Target target) {
    return new LocalAnalytics(target.openStorage());
  }

  @Override
  public void close() {
    storage.close();
  }
}
