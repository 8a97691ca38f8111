package dev.pulse.cli.generate;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.Settings;
import dev.pulse.server.privacy.ContextKeyAgreement;
import dev.pulse.server.privacy.ContextKeyAgreement.ContextKeyMismatchException;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.BulkLoader;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The context key of a store a data set is generated into, recorded in it as a server's first start
 * records its own: the configured key ({@code PULSE_CONTEXT_KEY}, {@code context-key}), else, for an
 * embedded store, its data dir's {@code context.key} (made now if there is none). A server then started
 * on the store agrees with it; one given no key refuses a store that holds records (it could not tell
 * generated installs from imported ones). A database with no key configured records none.
 */
public final class GeneratedStoreKey {

  private GeneratedStoreKey() {}

  /** Records the key of the empty store {@code loader} writes into, in {@code dataDir} for an embedded one. */
  public static void record(CommandSpec spec, BulkLoader loader, Path dataDir, boolean embedded) {
    ContextKeyer keyer = Settings.of(spec).contextKeyer();
    if (keyer == null && embedded) {
      try {
        keyer = ContextKeyFile.load(null, dataDir);
      } catch (IOException e) {
        throw CliFailure.failure("cannot write the context key in " + dataDir + ": " + CliFailure.firstLine(e), e);
      }
    }
    if (keyer == null) { // a database, no key set: its first server given one records it
      spec.commandLine().getErr().println(spec.qualifiedName() + ": note: no context key was given"
          + " (PULSE_CONTEXT_KEY or context-key), so none is recorded in the store: start its servers with one key"
          + " they share (PULSE_CONTEXT_KEY), since a server given none refuses a store that holds records");
      spec.commandLine().getErr().flush();
      return;
    }
    try {
      ContextKeyAgreement.verify(loader.claims(), keyer);
    } catch (ContextKeyMismatchException e) {
      throw CliFailure.usage(e.getMessage(), e);
    }
  }
}
