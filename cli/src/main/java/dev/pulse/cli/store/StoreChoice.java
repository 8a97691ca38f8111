package dev.pulse.cli.store;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.Settings;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The store a command opens when its command line gives {@code --data-dir} and the store is set too: a
 * flag beats the environment, so a data dir named on the command line is never passed over in silence
 * for the store of {@code PULSE_STORE} or the config file, nor for another dir of {@code --store duckdb:DIR}.
 */
public final class StoreChoice {

  private StoreChoice() {}

  /**
   * Where the store is: {@code store} (the option, or its setting), else the embedded store of
   * {@code dataDir}. A {@code --data-dir} on the command line that the store leaves unused is a usage
   * mistake naming both. One exception: for a command that takes the context key from the data dir
   * when none is set ({@code keyed}: {@code purge}, {@code import}), a data dir holding a
   * {@code context.key} and no store (a PostgreSQL server's) gives the store its key; a note on stderr
   * then names the store acted on.
   */
  public static StoreLocation of(CommandSpec command, String store, Path dataDir, boolean keyed) {
    StoreLocation location = LocalStore.parse(store, dataDir, sourceOf(command));
    ParseResult given = command.commandLine().getParseResult();
    if (store == null || store.isBlank() || !given.hasMatchedOption("--data-dir")) {
      return location;
    }
    boolean same = location instanceof StoreLocation.DuckDb duckDb && same(duckDb.dataDir(), dataDir);
    if (given.hasMatchedOption("--store")) { // both given here: the data dir holds the key (or the store)
      if (!same && location instanceof StoreLocation.DuckDb) {
        throw new ParameterException(command.commandLine(), "--store " + store.strip() + " and --data-dir " + dataDir
            + " name two data dirs: give one of them");
      }
      return location;
    }
    if (same) {
      return location;
    }
    Settings settings = Settings.of(command);
    String source = sourceOf(command);
    if (keyed && holdsOnlyAKey(dataDir, settings)) {
      PrintWriter err = command.commandLine().getErr();
      err.println(command.qualifiedName() + ": note: acting on the store " + source + " names (" + location
          + "), with the context key in " + dataDir.resolve(ContextKeyFile.FILE_NAME) + " (" + dataDir
          + " holds no store of its own)");
      err.flush();
      return location;
    }
    throw CliFailure.usage("--data-dir " + dataDir + " names a DuckDB data dir, but " + source + " names another"
        + " store (" + location + "): give --store duckdb:" + dataDir + " to use " + dataDir + "'s store, or leave"
        + " --data-dir out to use the one " + source + " names");
  }

  /**
   * Where the store setting of {@code command} came from, for a message about it: {@code --store} on its
   * command line, else {@code PULSE_STORE} or the config file's key, else {@code --store}.
   */
  public static String sourceOf(CommandSpec command) {
    ParseResult given = command.commandLine().getParseResult();
    if (given != null && given.hasMatchedOption("--store")) {
      return "--store";
    }
    return Objects.requireNonNullElse(Settings.of(command).sourceOf("store"), "--store");
  }

  /** Whether {@code dataDir} gives a context key no setting does, and holds no embedded store. */
  private static boolean holdsOnlyAKey(Path dataDir, Settings settings) {
    String configured = settings.get("context-key");
    return (configured == null || configured.isBlank())
        && Files.isRegularFile(dataDir.resolve(ContextKeyFile.FILE_NAME))
        && !Files.exists(dataDir.resolve(DuckDbEventStore.FILE_NAME));
  }

  private static boolean same(Path one, Path other) {
    return one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
  }
}
