package dev.pulse.cli.store;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.server.privacy.ContextKeyAgreement;
import dev.pulse.server.privacy.ContextKeyAgreement.ContextKeyMismatchException;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.DataDirInUseException;
import dev.pulse.server.store.NoStoreException;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoreSettingsException;
import dev.pulse.server.store.duckdb.BackupRestore;
import dev.pulse.server.store.duckdb.DiskReserve;
import dev.pulse.server.store.duckdb.DuckDbBulkLoader;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import dev.pulse.server.store.postgres.PostgresBulkLoader;
import dev.pulse.server.store.postgres.PostgresStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a store for a command run without a server, with messages that say what to do: a command
 * that reads never creates a data dir, and one held by a running server is named as such. The CLI's
 * composition root: the one place in it that chooses a store adapter.
 */
public final class LocalStore {

  private static final Pattern LOCK_HOLDER = Pattern.compile("Conflicting lock is held in .*\\(PID (\\d+)\\)");

  /** What to do about a data dir held by a server, for a command that reads. */
  static final String READER_ADVICE = "stop it, or ask that server with --server";
  /** ... for a command that writes into the store itself ({@code import}, {@code generate}). */
  public static final String WRITER_ADVICE = "stop it first: this command writes into the store itself";
  /** ... for {@code import}, which a server can do itself. */
  public static final String IMPORTER_ADVICE = "import through it with --server (its address), or stop it first";
  /** ... for {@code serve}. */
  public static final String SERVER_ADVICE = "stop it, or give this server another --data-dir";

  private LocalStore() {}

  /**
   * The store at {@code --store}, or the embedded one of a data dir that already holds one, for a
   * command that reads or erases. Closing the embedded one folds DuckDB's log into its file; when that
   * fails (a full disk), {@code note} is given the line that says so ({@link FoldingStorage}).
   */
  public static Storage openExistingStorage(String storeUrl, Path dataDir, Consumer<String> note) {
    StoreLocation location = parse(storeUrl, dataDir);
    if (location instanceof StoreLocation.DuckDb duckDb) {
      requireStore(duckDb.dataDir());
    }
    try {
      return location instanceof StoreLocation.Postgres postgres ? PostgresStorage.openExisting(postgres)
          : new FoldingStorage(DuckDbStorage.open(((StoreLocation.DuckDb) location).dataDir()), note);
    } catch (NoStoreException | StoreSettingsException e) {
      throw CliFailure.usage(e.getMessage(), e);
    } catch (StoreException e) {
      throw CliFailure.failure(describe(e, dataDir, READER_ADVICE), e);
    }
  }

  /**
   * A bulk loader into the store at {@code --store} ({@code pulse generate}, {@code pulse import}),
   * creating the embedded store in the data dir if there is none, which then keeps
   * {@code minFreeDiskBytes} free on its disk; a data dir a server holds is told with {@code inUseAdvice}.
   */
  public static BulkLoader openLoader(String storeUrl, Path dataDir, long minFreeDiskBytes, String inUseAdvice) {
    return openLoader(storeUrl, dataDir, minFreeDiskBytes, inUseAdvice, null);
  }

  /**
   * As {@link #openLoader(String, Path, long, String)}, for records keyed with {@code keyer}'s context key
   * ({@code pulse import} given one; null: none): first checked against the store's check, as a server's
   * start checks it, and recorded as the store's when it has none; a store keyed with another key is a
   * usage mistake, in the server's words, with nothing loaded.
   */
  public static BulkLoader openLoader(String storeUrl, Path dataDir, long minFreeDiskBytes, String inUseAdvice,
      ContextKeyer keyer) {
    StoreLocation location = parse(storeUrl, dataDir);
    try {
      if (location instanceof StoreLocation.Postgres postgres) {
        return agreeingOnKey(keyer, PostgresBulkLoader.open(postgres));
      }
      Path embedded = ((StoreLocation.DuckDb) location).dataDir();
      requireReserveBelowDisk(storeUrl, dataDir, minFreeDiskBytes, "");
      DataDirs.requireUsable(embedded, true);
      return agreeingOnKey(keyer, DuckDbBulkLoader.open(embedded, minFreeDiskBytes));
    } catch (ContextKeyMismatchException e) {
      throw CliFailure.usage(e.getMessage(), e);
    } catch (NoStoreException | StoreSettingsException e) {
      throw CliFailure.usage(e.getMessage(), e);
    } catch (StoreException e) {
      throw CliFailure.failure(describe(e, dataDir, inUseAdvice), e);
    }
  }

  /** {@code loader}, once {@code keyer} (when not null) agrees with its store's check; closed when it does not. */
  private static BulkLoader agreeingOnKey(ContextKeyer keyer, BulkLoader loader) {
    if (keyer != null) {
      try {
        ContextKeyAgreement.verify(loader.claims(), keyer);
      } catch (RuntimeException e) {
        loader.close();
        throw e;
      }
    }
    return loader;
  }

  /**
   * Refuses, before anything is created, a free-space reserve not smaller than the disk the embedded
   * store of {@code --data-dir} would be on (a command that writes it: {@code serve}, {@code import},
   * {@code generate}): a usage mistake, told whole after {@code prefix}. A PostgreSQL store keeps none.
   */
  public static void requireReserveBelowDisk(String storeUrl, Path dataDir, long minFreeDiskBytes, String prefix) {
    StoreLocation location;
    try {
      location = StoreLocation.parse(storeUrl, dataDir);
    } catch (IllegalArgumentException e) {
      return; // a wrong --store is told where the store is opened
    }
    if (location instanceof StoreLocation.DuckDb duckDb) {
      try {
        DiskReserve.requireSmallerThanDisk(duckDb.dataDir(), minFreeDiskBytes);
      } catch (StoreException e) {
        throw CliFailure.usage(prefix + e.getMessage(), e); // Pulse's own words, not cut as a library's are
      }
    }
  }

  /**
   * Puts a backup in place as the embedded store of an empty data dir ({@code pulse restore}): a file
   * that is not one, or a data dir with a store, is a usage failure; a failed copy is a failure.
   * Returns the line that says what the store holds.
   */
  public static String restore(Path backup, Path dataDir) {
    DataDirs.requireUsable(dataDir, false);
    try {
      BackupRestore.Restored restored = BackupRestore.restore(backup, dataDir);
      return "restored " + RecordKind.EVENTS.counted(restored.events()) + ", "
          + RecordKind.CLI_COMMANDS.counted(restored.cliCommands()) + " and "
          + RecordKind.ERRORS.counted(restored.errors())
          + " into " + dataDir;
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(e.getMessage(), e);
    } catch (StoreException e) {
      throw CliFailure.failure(describe(e, dataDir, WRITER_ADVICE), e);
    }
  }

  /** As {@link #parse(String, Path, String)}, for a URL a command has already read ({@link StoreChoice}). */
  private static StoreLocation parse(String storeUrl, Path dataDir) {
    return parse(storeUrl, dataDir, "--store");
  }

  /** The store location of {@code storeUrl}, or a usage failure naming its {@code source} (--store, PULSE_STORE). */
  public static StoreLocation parse(String storeUrl, Path dataDir, String source) {
    try {
      return StoreLocation.parse(storeUrl, dataDir);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(source + ": " + e.getMessage());
    }
  }

  /**
   * Refuses a data dir without an embedded store, before anything is created, and one this user may
   * not read and write: told as such, not as a dir without a store.
   */
  static void requireStore(Path dataDir) {
    Path file = dataDir.resolve(DuckDbEventStore.FILE_NAME);
    if (Files.isDirectory(dataDir) && !(Files.isReadable(dataDir) && Files.isExecutable(dataDir))) {
      throw denied(dataDir, "cannot read the data dir " + dataDir);
    }
    if (!Files.exists(file)) {
      throw CliFailure.usage("the data dir " + dataDir + " holds no Pulse store (" + DuckDbEventStore.FILE_NAME
          + "): give a server's data dir with --data-dir, or ask a running server with --server");
    }
    // DuckDB opens its file to write (its WAL, the journal's replay), even for a command that reads.
    if (!Files.isReadable(file) || !Files.isWritable(file) || !Files.isWritable(dataDir)) {
      Path mount = DataDirs.readOnlyMount(dataDir);
      if (mount != null) {
        throw CliFailure.usage("cannot open the store in " + dataDir + ": its file system (mounted on " + mount
            + ") is read-only, and opening the store writes to it (its lock, its journal); remount it read-write,"
            + " or ask the running server with --server");
      }
      throw denied(dataDir, "cannot open the store in " + dataDir);
    }
  }

  private static CliFailure denied(Path dataDir, String what) {
    return CliFailure.usage(what + ": permission denied; run pulse as the user who owns it (the server's, e.g."
        + " sudo -u pulse), or ask the running server with --server");
  }

  /**
   * A store's failure in one line; a data dir held by another process says so, by whom, and
   * {@code advice}: what this command can do about it.
   */
  public static String describe(RuntimeException e, Path dataDir, String advice) {
    return describe(e, "the data dir " + dataDir, advice);
  }

  /**
   * As {@link #describe(RuntimeException, Path, String)}, naming the dir held as {@code held} ("the data
   * dir d1", "the store's directory g1"): the one the store is in, which is not the data dir with
   * {@code serve --store duckdb:DIR}.
   */
  public static String describe(RuntimeException e, String held, String advice) {
    if (!inUse(e)) {
      return CliFailure.firstLine(e);
    }
    String holder = "";
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      Matcher duckDb = LOCK_HOLDER.matcher(String.valueOf(cause.getMessage()));
      if (cause instanceof DataDirInUseException taken && taken.holder().isPresent()) {
        holder = " (PID " + taken.holder().getAsLong() + ")";
      } else if (duckDb.find()) {
        holder = " (PID " + duckDb.group(1) + ")";
      }
    }
    return held + " is in use by another process" + holder + ", e.g. a running pulse serve: " + advice;
  }

  /**
   * Whether a store failed to open because another process holds its data dir: Pulse's lock on the
   * dir, or DuckDB's on its file (a server of an earlier version holds only that one).
   */
  public static boolean inUse(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (cause instanceof DataDirInUseException || message.contains("Could not set lock")
          || message.contains("Conflicting lock")) {
        return true;
      }
    }
    return false;
  }
}
