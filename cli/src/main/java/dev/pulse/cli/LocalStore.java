package dev.pulse.cli;

import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.NoStoreException;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.duckdb.BackupRestore;
import dev.pulse.server.store.duckdb.DuckDbBulkLoader;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import dev.pulse.server.store.postgres.PostgresBulkLoader;
import dev.pulse.server.store.postgres.PostgresStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a store for a command run without a server, with messages that say what to do: a command
 * that reads never creates a data dir, and one held by a running server is named as such. The CLI's
 * composition root: the one place in it that chooses a store adapter.
 */
final class LocalStore {

  private static final Pattern LOCK_HOLDER = Pattern.compile("Conflicting lock is held in .*\\(PID (\\d+)\\)");

  /** What to do about a data dir held by a server, for a command that reads. */
  static final String READER_ADVICE = "stop it, or ask that server with --server";
  /** ... for a command that writes into the store itself ({@code import}, {@code generate}). */
  static final String WRITER_ADVICE = "stop it first: this command writes into the store itself";
  /** ... for {@code serve}. */
  static final String SERVER_ADVICE = "stop it, or give this server another --data-dir";

  private LocalStore() {}

  /** The store at {@code --store}, or the embedded one of a data dir that already holds one. */
  static EventStore openExisting(String storeUrl, Path dataDir) {
    return openExistingStorage(storeUrl, dataDir).events();
  }

  /** As {@link #openExisting}, whole: for a command that needs more than the records (a backup). */
  static Storage openExistingStorage(String storeUrl, Path dataDir) {
    StoreLocation location = parse(storeUrl, dataDir);
    if (location instanceof StoreLocation.DuckDb duckDb) {
      requireStore(duckDb.dataDir());
    }
    try {
      return location instanceof StoreLocation.Postgres postgres ? PostgresStorage.openExisting(postgres)
          : open(location);
    } catch (NoStoreException e) {
      throw CliFailure.usage(e.getMessage(), e);
    } catch (StoreException e) {
      throw CliFailure.failure(describe(e, dataDir, READER_ADVICE), e);
    }
  }

  /** The whole store at a location; closing its records' store closes it. */
  static Storage open(StoreLocation location) {
    if (location instanceof StoreLocation.Postgres postgres) {
      return PostgresStorage.open(postgres);
    }
    return DuckDbStorage.open(((StoreLocation.DuckDb) location).dataDir());
  }

  /**
   * A bulk loader into the store at {@code --store} ({@code pulse generate}, {@code pulse import}),
   * creating the embedded store in the data dir if there is none, which then keeps
   * {@code minFreeDiskBytes} free on its disk.
   */
  static BulkLoader openLoader(String storeUrl, Path dataDir, long minFreeDiskBytes) {
    StoreLocation location = parse(storeUrl, dataDir);
    try {
      if (location instanceof StoreLocation.Postgres postgres) {
        return PostgresBulkLoader.open(postgres);
      }
      Path embedded = ((StoreLocation.DuckDb) location).dataDir();
      DataDirs.requireUsable(embedded, true);
      return DuckDbBulkLoader.open(embedded, minFreeDiskBytes);
    } catch (StoreException e) {
      throw CliFailure.failure(describe(e, dataDir, WRITER_ADVICE), e);
    }
  }

  /**
   * Puts a backup in place as the embedded store of an empty data dir ({@code pulse restore}): a file
   * that is not one, or a data dir with a store, is a usage failure; a failed copy is a failure.
   * Returns the line that says what the store holds.
   */
  static String restore(Path backup, Path dataDir) {
    DataDirs.requireUsable(dataDir, false);
    try {
      BackupRestore.Restored restored = BackupRestore.restore(backup, dataDir);
      return String.format(Locale.ROOT, "restored %,d events, %,d CLI commands and %,d errors into %s",
          restored.events(), restored.cliCommands(), restored.errors(), dataDir);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(e.getMessage(), e);
    } catch (StoreException e) {
      throw CliFailure.failure(e.getMessage(), e);
    }
  }

  /** The store location of {@code --store}, or a usage failure naming the option. */
  static StoreLocation parse(String storeUrl, Path dataDir) {
    try {
      return StoreLocation.parse(storeUrl, dataDir);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage("--store: " + e.getMessage());
    }
  }

  /** Refuses a data dir without an embedded store, before anything is created. */
  static void requireStore(Path dataDir) {
    if (!Files.exists(dataDir.resolve(DuckDbEventStore.FILE_NAME))) {
      throw CliFailure.usage("the data dir " + dataDir + " holds no Pulse store (" + DuckDbEventStore.FILE_NAME
          + "): give a server's data dir with --data-dir, or ask a running server with --server");
    }
  }

  /**
   * A store's failure in one line; a data dir locked by another process says so, by whom, and
   * {@code advice}: what this command can do about it.
   */
  static String describe(RuntimeException e, Path dataDir, String advice) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
        Matcher holder = LOCK_HOLDER.matcher(message);
        return "the data dir " + dataDir + " is in use by another process"
            + (holder.find() ? " (PID " + holder.group(1) + ")" : "")
            + ", e.g. a running pulse serve: " + advice;
      }
    }
    return CliFailure.firstLine(e);
  }
}
