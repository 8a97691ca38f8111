package dev.pulse.cli.serve;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.logging.LogOptions;
import dev.pulse.cli.settings.PortNumber;
import dev.pulse.cli.settings.Settings;
import dev.pulse.cli.settings.UnknownVariables;
import dev.pulse.cli.store.DataDirs;
import dev.pulse.cli.store.LocalStore;
import dev.pulse.cli.store.MinFreeDiskOption;
import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import dev.pulse.server.ServerConfigBuilder;
import dev.pulse.server.http.ClientLimits;
import dev.pulse.server.http.NoopEndpoint;
import dev.pulse.server.http.TlsFiles;
import dev.pulse.server.publicstats.PublicStatsSettings;
import dev.pulse.server.retention.RetentionPolicy;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pulse serve}: the telemetry endpoint, the store and the dashboard, until SIGTERM. */
@Command(
    name = "serve",
    description = {
      "Starts the Pulse server: the telemetry endpoint, the dashboard, the API and /metrics.",
      "Stops on SIGTERM or Ctrl-C after finishing the requests in flight."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  pulse serve               # port 8080, embedded DuckDB in ./pulse-data",
      "  pulse serve --port 9090 --store 'postgresql://db/pulse?user=pulse&password=..'"
    })
public final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", converter = PortNumber.class,
      description = "Port to listen on; 0 picks a free one (PULSE_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0",
      description = "Address to listen on; 0.0.0.0 is every address (PULSE_HOST; default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--data-dir", defaultValue = "pulse-data",
      description = "Holds the embedded store, the context key and the token hash"
          + " (PULSE_DATA_DIR; default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--store", paramLabel = "URL",
      description = "postgresql://host:5432/db?user=..&password=.. for PostgreSQL (PULSE_STORE);"
          + " default: DuckDB in the data dir.")
  String store;

  @Option(names = "--admin-token",
      description = "Bearer token for /api/ and the dashboard (PULSE_ADMIN_TOKEN);"
          + " default: generated at first start, printed once.")
  String adminToken;

  @Option(names = "--base-path", paramLabel = "PATH",
      description = "The path a reverse proxy publishes the server under, e.g. /pulse (PULSE_BASE_PATH);"
          + " it also answers at the root.")
  String basePath;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "Serve HTTPS with this PEM certificate chain (PULSE_TLS_CERT; with --tls-key);"
          + " renewals are picked up.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "The certificate's private key, PEM PKCS#8 (PULSE_TLS_KEY; with --tls-cert).")
  Path tlsKey;

  @Option(names = "--trusted-proxies", paramLabel = "ADDRESSES",
      description = "Proxies in front (addresses, CIDR ranges, commas between) whose X-Forwarded-For names the client"
          + " that wrong tokens are counted by (PULSE_TRUSTED_PROXIES; default none).")
  String trustedProxies;

  @Option(names = "--rollup-refresh-seconds", defaultValue = "60",
      description = "Seconds between folds of new records into the dashboard's rollups"
          + " (PULSE_ROLLUP_REFRESH_SECONDS; default ${DEFAULT-VALUE}).")
  long rollupRefreshSeconds;

  @Option(names = "--public-stats",
      description = "Publish k-anonymous aggregates at /public, without a token (PULSE_PUBLIC_STATS; default off).")
  boolean publicStats;

  @Option(names = "--public-min-installs", defaultValue = "10",
      description = "With --public-stats: hide groups of fewer installs"
          + " (PULSE_PUBLIC_MIN_INSTALLS; default ${DEFAULT-VALUE}).")
  int publicMinInstalls;

  @Option(names = "--alert-webhook", paramLabel = "URL",
      description = "Post new errors (and error rates past --alert-error-rate) to this URL (PULSE_ALERT_WEBHOOK).")
  String alertWebhook;

  @Option(names = "--alert-error-rate", paramLabel = "SHARE",
      description = "Alert when this share (0..1) of a version's installs report one error (PULSE_ALERT_ERROR_RATE).")
  Double alertErrorRate;

  @Option(names = "--alert-weekly-digest",
      description = "Also post last week's installs, versions and errors on Mondays at 09:00 UTC"
          + " (PULSE_ALERT_WEEKLY_DIGEST).")
  boolean alertWeeklyDigest;

  @Mixin MinFreeDiskOption minFreeDisk;

  @Mixin LogOptions logOptions;

  @Option(
      names = "--bench-noop-endpoint",
      hidden = true,
      description = "Adds POST /bench/noop (reads the body, answers 200), for the ingest benchmark only.")
  boolean benchNoopEndpoint;

  /** How alerts reach their webhook, for the banner; empty when alerts are off. */
  private List<String> alertRoute = List.of();

  /** Runs after the server stopped on SIGTERM (pulse demo removes its temporary data dir). */
  Runnable afterStop = () -> {};

  /**
   * Runs once the server's stop hook is in place, before the server starts: pulse demo keeps its own
   * hook, which removes its temporary data dir, until then.
   */
  Runnable stopHookInstalled = () -> {};

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (adminToken != null && adminToken.isBlank()
        && spec.commandLine().getParseResult().hasMatchedOption("--admin-token")) {
      // --admin-token="$UNSET": a generated token would start a server no one has the token of.
      throw new ParameterException(spec.commandLine(), "--admin-token is empty (an unset variable?): give the token,"
          + " or leave the option out for one generated at first start");
    }
    ServerConfig config = config();
    // A mistyped PULSE_ variable would otherwise leave its setting at the default without a word.
    UnknownVariables.warnings(System.getenv()).forEach(LOG::warn);
    // Before the server is built: a reserve no disk could keep is a mistake in the settings, told whole.
    try {
      LocalStore.requireReserveBelowDisk(store, dataDir, minFreeDisk.bytes, "cannot start: ");
    } catch (CliFailure e) {
      throw CliFailure.usage(whereGiven().named(e.getMessage()), e);
    }
    try {
      DataDirs.requireWritableFileSystem(dataDir); // a read-only mount, or /proc: not a mistake of modes
      if (config.store() instanceof StoreLocation.DuckDb embedded) {
        DataDirs.requireStoreWritable(embedded.dataDir()); // another user's: told so, not in DuckDB's words
      }
    } catch (CliFailure e) {
      throw CliFailure.usage("cannot start: " + whereGiven().named(e.getMessage()), e);
    }
    boolean dataDirExisted = Files.exists(dataDir);
    StopHook hook = StopHook.install(out, afterStop);
    stopHookInstalled.run();
    PulseServer server;
    try {
      server = PulseServer.start(config, whereGiven()::of);
    } catch (RuntimeException | Error e) {
      if (!dataDirExisted) {
        DataDirs.delete(dataDir); // a failed first start leaves nothing behind
      }
      hook.failed(); // the exit does not wait for a start
      if (!(e instanceof RuntimeException failure)) {
        throw (Error) e; // unforeseen (a class that will not load): pulse's main tells it
      }
      String why = "cannot start: "
          + whereGiven().named(LocalStore.describe(failure, heldDir(config), heldAdvice(config)));
      // A data dir in use, or a database that does not answer yet (down, still starting, its host not yet in
      // DNS at boot), is no mistake in the settings: exit 1, which a service manager restarts.
      throw LocalStore.inUse(failure) || failure instanceof StoreUnavailableException
          ? CliFailure.failure(why, failure) : CliFailure.usage(why, failure);
    }
    hook.started(server);
    Banner.print(out, server, host, alertRoute);
    hook.awaitStop();
    return 0;
  }

  private ServerConfig config() {
    Settings settings = Settings.of(spec);
    settings.contextKeyer(); // a key too short is told with where it came from, before anything starts
    try {
      ServerConfigBuilder config = ServerConfig.builder()
          .host(host)
          .port(port)
          .dataDir(dataDir)
          .adminToken(adminToken)
          .readToken(settings.get("read-token")) // no flag: a command line is visible to every user (ps)
          .contextKey(settings.get("context-key"))
          .store(store)
          .retention(RetentionPolicy.fromSettings(settings::byEnvName))
          .clientLimits(ClientLimits.fromSettings(settings::byEnvName))
          .minFreeDiskBytes(minFreeDisk.bytes)
          .basePath(basePath)
          .trustedProxies(trustedProxies)
          .rollupRefresh(Duration.ofSeconds(rollupRefreshSeconds));
      PublicStatsSettings publicSettings = new PublicStatsSettings(publicMinInstalls); // checked even when off
      if (publicStats) {
        config.publicStats(publicSettings);
      }
      WebhookAlerts alerts = WebhookAlerts.of(alertWebhook, alertErrorRate, alertWeeklyDigest);
      if (alerts != null) {
        config.alerts(alerts.settings());
        alertRoute = alerts.route();
      }
      if ((tlsCert == null) != (tlsKey == null)) {
        throw new IllegalArgumentException(tlsCert == null
            ? "tls-key needs its certificate (--tls-cert or PULSE_TLS_CERT): which certificate is the key for?"
            : "tls-cert needs its private key (--tls-key or PULSE_TLS_KEY): give the certificate's private key too");
      }
      if (tlsCert != null) {
        config.tls(new TlsFiles(tlsCert, tlsKey));
      }
      if (benchNoopEndpoint) {
        config.routes(new NoopEndpoint());
      }
      return config.build();
    } catch (IllegalArgumentException e) {
      // A setting refused by the config: the message names it, and where it came from, as it names the
      // others it speaks of ("read-token must differ from the admin token (PULSE_ADMIN_TOKEN)"); no stack trace.
      throw new ParameterException(spec.commandLine(), settings.naming(whereGiven().named(e.getMessage()),
          whereGiven()::flagGiven));
    }
  }

  /**
   * The dir another server may hold, as a refusal names it: the store's with {@code --store duckdb:DIR}
   * naming another dir than the data dir, else the data dir.
   */
  private String heldDir(ServerConfig config) {
    return storeElsewhere(config) ? "the store's directory " + ((StoreLocation.DuckDb) config.store()).dataDir()
        : "the data dir " + dataDir;
  }

  private String heldAdvice(ServerConfig config) {
    return storeElsewhere(config) ? "stop it, or give this server another --store duckdb:DIR"
        : LocalStore.SERVER_ADVICE;
  }

  /** Whether the store is DuckDB in another dir than the data dir ({@code --store duckdb:DIR}). */
  private boolean storeElsewhere(ServerConfig config) {
    return config.store() instanceof StoreLocation.DuckDb embedded
        && !embedded.dataDir().toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize());
  }

  /** How a message names a setting: by where it was given ({@link WhereGiven}). */
  private WhereGiven whereGiven() {
    return new WhereGiven(spec);
  }
}
