package dev.pulse.cli.access;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.Settings;
import dev.pulse.cli.store.LocalStore;
import dev.pulse.cli.store.StoreChoice;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.StoreLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where an admin command acts: a running server ({@code --server} and its token), or the store
 * directly ({@code --data-dir}, {@code --store}; for the embedded store no server may be running on
 * that data dir, since DuckDB allows one process at a time).
 */
public final class Target {

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** The server's base URL as given, or null: the store is opened directly. */
  @Option(names = "--server", paramLabel = "URL",
      description = "A running server's base URL, e.g. http://localhost:8080."
          + " Without it, the store is opened directly.")
  String server;

  @Option(names = "--token",
      description = "The admin token for --server (PULSE_ADMIN_TOKEN), or the read token to read (PULSE_READ_TOKEN).")
  String token;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "How long to wait for --server to answer, and for each next part of its answer (default "
          + DEFAULT_WAIT_SECONDS + "; a backup's first answer: " + BACKUP_WAIT_SECONDS
          + ", while the server copies its store;"
          + " an import's answer to each request: " + IMPORT_WAIT_SECONDS + ", while the server stores it).")
  Integer timeoutSeconds;

  /** The bound on waiting for the answer's headers, and on silence within its body. */
  static final int DEFAULT_WAIT_SECONDS = 60;

  /** The bound on waiting for a backup's headers: the server copies the whole store before it answers. */
  public static final int BACKUP_WAIT_SECONDS = 1800;

  /** The bound on waiting for an import request's answer: the server stores its records first. */
  public static final int IMPORT_WAIT_SECONDS = 300;

  /** The data dir of the embedded store. */
  @Option(names = "--data-dir", defaultValue = "pulse-data",
      description = "The data dir of the store (PULSE_DATA_DIR; default ${DEFAULT-VALUE}).")
  Path dataDir;

  /** Where the store is, once checked. */
  private StoreLocation location;

  /** The store's URL as given, or null for the embedded store in {@link #dataDir}. */
  @Option(names = "--store", paramLabel = "URL",
      description = "Store URL, e.g. postgresql://host/db?user=.. (PULSE_STORE);"
          + " default: the embedded store in the data dir.")
  String store;

  /** The server's base URL as given, or null: the store is opened directly. */
  public String server() {
    return server;
  }

  /** The data dir of the embedded store. */
  public Path dataDir() {
    return dataDir;
  }

  /** The store's URL as given, or null for the embedded store in {@link #dataDir}. */
  public String store() {
    return store;
  }

  /**
   * Where the store is: {@code --store}, or the embedded store in the data dir; a wrong URL, or a
   * {@code --data-dir} on the command line that the store would leave unused, is a usage failure
   * ({@link StoreChoice}).
   */
  public StoreLocation location() {
    return checkedLocation(false);
  }

  /**
   * As {@link #location()}, for a command that takes the context key from the data dir when none is set
   * ({@code purge}, {@code import}): a data dir that holds only a key may give it to the store of
   * {@code PULSE_STORE}, which a note then names.
   */
  public StoreLocation keyedLocation() {
    return checkedLocation(true);
  }

  /** Checked once: the note of a keyed location is said once. */
  private StoreLocation checkedLocation(boolean keyed) {
    if (location == null) {
      location = StoreChoice.of(command, store, dataDir, keyed);
    }
    return location;
  }

  /**
   * Whether the command acts through {@code --server}. A {@code --data-dir} or {@code --store} on the
   * same command line is refused (a usage mistake), not ignored; from the environment or the config
   * file they are the machine's settings, and {@code --server} wins.
   */
  public boolean isRemote() {
    if (server == null) {
      return false;
    }
    for (String local : new String[] {"--data-dir", "--store"}) {
      if (command.commandLine().getParseResult().hasMatchedOption(local)) {
        throw new ParameterException(command.commandLine(), "--server and " + local + " do not go together: give"
            + " --server to work through a running server, or " + local + " to open the store directly, not both");
      }
    }
    return true;
  }

  /**
   * The store, which must exist: a command that reads or erases never creates one. Its close says on
   * stderr, after the command's name, when it could not fold the embedded store's log into its file.
   */
  public Storage openStorage() {
    location();
    return LocalStore.openExistingStorage(store, dataDir, line -> {
      PrintWriter err = command.commandLine().getErr();
      err.println(command.qualifiedName() + ": " + line);
      err.flush();
    });
  }

  /**
   * The keyer the server re-keys with: the {@code context-key} setting ({@code PULSE_CONTEXT_KEY} or
   * the config file's key), else the key file of the data dir. Never creates one: with neither, a
   * contextId could not be re-keyed as the server did, so the command stops and says what to set.
   */
  public ContextKeyer keyer(Settings settings) {
    ContextKeyer keyer = keyerIfAny(settings);
    if (keyer == null) {
      throw CliFailure.usage("no context key: " + dataDir.resolve(ContextKeyFile.FILE_NAME) + " does not exist and"
          + " context-key is not set; set PULSE_CONTEXT_KEY (or context-key in --config) to the key the servers use");
    }
    return keyer;
  }

  /** As {@link #keyer}, found the same way; null when neither gives one ({@code import} then checks none). */
  public ContextKeyer keyerIfAny(Settings settings) {
    ContextKeyer configured = settings.contextKeyer();
    if (configured != null) {
      return configured;
    }
    if (!Files.isRegularFile(dataDir.resolve(ContextKeyFile.FILE_NAME))) {
      return null;
    }
    try {
      return ContextKeyFile.load(null, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the context key in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sends an authenticated request to {@code --server}. An unreachable server or a refused token is a
   * {@link CliFailure#FAILURE}; a request the server calls wrong (4xx) is {@link CliFailure#USAGE}.
   */
  public HttpResponse<InputStream> send(String method, String path) throws IOException, InterruptedException {
    return ServerAnswer.requireSuccess(exchange(method, path));
  }

  /** As {@link #send(String, String)}, waiting up to {@code answerWithin} seconds for the answer (unless --timeout). */
  public HttpResponse<InputStream> send(String method, String path, int answerWithin)
      throws IOException, InterruptedException {
    return ServerAnswer.requireSuccess(
        exchange(method, path, HttpRequest.BodyPublishers.noBody(), Map.of(), answerWithin));
  }

  /**
   * Sends an authenticated request to {@code --server} and returns the answer, whatever its status; an
   * unreachable server is a {@link CliFailure#FAILURE}.
   */
  public HttpResponse<InputStream> exchange(String method, String path) throws IOException, InterruptedException {
    return exchange(method, path, HttpRequest.BodyPublishers.noBody(), Map.of());
  }

  /** As {@link #exchange(String, String)}, sending {@code body} with these {@code headers}. */
  HttpResponse<InputStream> exchange(String method, String path, HttpRequest.BodyPublisher body,
      Map<String, String> headers) throws IOException, InterruptedException {
    return exchange(method, path, body, headers, DEFAULT_WAIT_SECONDS);
  }

  /**
   * As {@link #exchange(String, String, HttpRequest.BodyPublisher, Map)}: a server that sends no answer
   * within {@code answerWithin} seconds (or --timeout), or then nothing of its body for --timeout (default
   * {@value #DEFAULT_WAIT_SECONDS}), is a {@link CliFailure#FAILURE}, not a wait forever.
   */
  public HttpResponse<InputStream> exchange(String method, String path, HttpRequest.BodyPublisher body,
      Map<String, String> headers, int answerWithin) throws IOException, InterruptedException {
    return new ServerExchange(command, server, token, timeoutSeconds).exchange(method, path, body, headers,
        answerWithin);
  }
}
