package dev.pulse.cli.backup;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.Settings;
import dev.pulse.cli.store.LocalStore;
import dev.pulse.server.privacy.ContextKeyAgreement;
import dev.pulse.server.store.DataDirInUseException;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.duckdb.BackupClaims;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pulse restore}: puts a file written by {@code pulse backup} in place as a data dir's store. */
@Command(
    name = "restore",
    description = {
      "Puts a file written by `pulse backup` in place as the store of an empty data dir, for a server to open.",
      "The file is checked to be Pulse's database first; the server that opens it needs the context key of the"
          + " server it came from (PULSE_CONTEXT_KEY, or that data dir's context.key): a backup keyed with"
          + " another key than the one set is refused."
    },
    footerHeading = "%nExample:%n",
    footer = "  pulse restore pulse-backup.duckdb --data-dir /var/lib/pulse")
public final class RestoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A file written by `pulse backup`.")
  Path file;

  @Option(names = "--data-dir", defaultValue = "pulse-data",
      description = "The data dir to restore into; it must hold no store (PULSE_DATA_DIR; default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() {
    Path into = storeDir();
    // Before anything is written: a stop removes what the restore adds to the data dir as it is now.
    RestoreStop stop = RestoreStop.install(spec.commandLine().getErr(), spec.qualifiedName(), into);
    String restored = null;
    ContextKeyer configured;
    Path keyFile = dataDir.resolve(ContextKeyFile.FILE_NAME);
    try {
      requireNotHeld(into); // a running server's dir: refused before all else
      configured = Settings.of(spec).contextKeyer(); // a key too short is refused by name
      if (configured != null || Files.isRegularFile(keyFile)) {
        refuseAnotherKey(configured, keyFile);
      }
      restored = LocalStore.restore(file, into);
    } finally {
      if (stop != null) {
        stop.ended(restored); // after a stop, does not return: the stop removes what was written
      }
    }
    spec.commandLine().getOut().println(restored);
    if (configured == null && !Files.isRegularFile(keyFile)) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": note: " + dataDir + " has no "
          + ContextKeyFile.FILE_NAME + ": start the"
          + " server with the context key of the server the backup came from (PULSE_CONTEXT_KEY, or copy its "
          + ContextKeyFile.FILE_NAME + " here), or new events of the same installs will not match the restored ones");
    }
    return 0;
  }

  /**
   * Where the store goes: the data dir, or the dir of a {@code duckdb:} store setting ({@code PULSE_STORE} or
   * the config file's), where the servers of this machine read it. A PostgreSQL store setting is refused, as
   * {@code backup} refuses it: the restore would write a data dir no server of that store reads.
   */
  private Path storeDir() {
    Settings settings = Settings.of(spec);
    String store = settings.get("store");
    if (store == null || store.isBlank()) {
      return dataDir;
    }
    String source = Objects.requireNonNullElse(settings.sourceOf("store"), "the store setting");
    StoreLocation location = LocalStore.parse(store, dataDir, source); // restore has no --store to name
    if (location instanceof StoreLocation.Postgres) {
      throw CliFailure.usage(source + " names a PostgreSQL store (" + location + "), and a restore writes a DuckDB"
          + " data dir, which a server on that store never reads; nothing was restored. Run it without " + source
          + " to restore into " + dataDir + "; to load the backup into PostgreSQL, restore it so, then export each"
          + " kind from " + dataDir + " and import it with --store (docs/operations.md, Backups)");
    }
    Path dir = ((StoreLocation.DuckDb) location).dataDir();
    if (spec.commandLine().getParseResult().hasMatchedOption("--data-dir")
        && !dir.toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize())) {
      throw CliFailure.usage("--data-dir " + dataDir + " names a data dir, but " + source + " names the store of"
          + " another (" + location + "), which the servers here read: leave --data-dir out to restore into " + dir
          + ", or run it without " + source + " to restore into " + dataDir);
    }
    return dir;
  }

  /**
   * Refuses, before anything is copied, a backup whose records were keyed with another context key
   * than the one its server would start with ({@code configured}, else the data dir's key file): that
   * server would refuse the store.
   */
  private void refuseAnotherKey(ContextKeyer configured, Path keyFile) {
    ContextKeyer keyer;
    try {
      keyer = configured != null ? configured : ContextKeyFile.load(null, dataDir);
    } catch (IOException | IllegalArgumentException e) {
      return; // a key file it cannot use: the server tells it, in its words, when it starts
    }
    Optional<String> check = BackupClaims.claimedValue(file, ContextKeyAgreement.CLAIM);
    if (check.isPresent() && !ContextKeyAgreement.agrees(check.get(), keyer)) {
      throw CliFailure.usage(file + " holds records keyed with another context key than "
          + (configured != null ? "PULSE_CONTEXT_KEY (or context-key)" : keyFile.toString()) + ", which the server of "
          + dataDir + " would refuse: give the key of the server the backup came from (PULSE_CONTEXT_KEY, or its "
          + ContextKeyFile.FILE_NAME + " in " + dataDir + "); nothing was restored");
    }
  }

  private static void requireNotHeld(Path dataDir) {
    try {
      DuckDbStorage.requireNotHeld(dataDir);
    } catch (DataDirInUseException held) {
      throw CliFailure.failure(LocalStore.describe(held, dataDir, LocalStore.WRITER_ADVICE), held);
    }
  }
}
