package dev.pulse.cli;

import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import dev.pulse.server.http.NoopEndpoint;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.retention.RetentionPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pulse serve}: the telemetry endpoint, the store and the dashboard, until SIGTERM. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the Pulse server: POST /telemetry/query, /healthz, /readyz, /metrics, /api/v1/.",
      "Stops on SIGTERM or Ctrl-C after finishing the requests in flight."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "${env:PULSE_PORT:-8080}",
      description = "Port to listen on; 0 picks a free one (env PULSE_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "${env:PULSE_HOST:-0.0.0.0}",
      description = "Address to listen on (env PULSE_HOST; default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:PULSE_DATA_DIR:-pulse-data}",
      description = "Where the embedded store, the context key and the token hash live (env PULSE_DATA_DIR; default ./${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--store",
      defaultValue = "${env:PULSE_STORE}",
      description = "Store URL: postgresql://host:5432/db?user=..&password=.. for PostgreSQL (env PULSE_STORE). Default: the embedded DuckDB in the data dir.")
  String store;

  @Option(
      names = "--admin-token",
      defaultValue = "${env:PULSE_ADMIN_TOKEN}",
      description = "Bearer token for /api/ and the dashboard (env PULSE_ADMIN_TOKEN). Without one, a token is generated at first start and printed once.")
  String adminToken;

  @Option(
      names = "--rollup-refresh-seconds",
      defaultValue = "${env:PULSE_ROLLUP_REFRESH_SECONDS:-60}",
      description = "How often new records are folded into the dashboard's rollups, in seconds (env PULSE_ROLLUP_REFRESH_SECONDS; default ${DEFAULT-VALUE}).")
  long rollupRefreshSeconds;

  @Option(
      names = "--min-free-disk",
      defaultValue = "${env:PULSE_MIN_FREE_DISK:-256MiB}",
      converter = ByteSize.class,
      description = "Free space kept on the data dir's disk: below it new records are refused (503) and /readyz fails, before the store hits a full disk. Bytes, or with KiB, MiB, GiB; 0 turns it off (env PULSE_MIN_FREE_DISK; default ${DEFAULT-VALUE}).")
  long minFreeDiskBytes;

  @Option(
      names = "--bench-noop-endpoint",
      hidden = true,
      description = "Adds POST /bench/noop (reads the body, answers 200), for the ingest benchmark only.")
  boolean benchNoopEndpoint;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig.Builder config;
    try {
      config =
          ServerConfig.builder()
              .host(host)
              .port(port)
              .dataDir(dataDir)
              .adminToken(adminToken)
              .contextKey(System.getenv("PULSE_CONTEXT_KEY"))
              .store(store)
              .retention(RetentionPolicy.fromSettings(System::getenv))
              .rollupRefresh(Duration.ofSeconds(rollupRefreshSeconds))
              .minFreeDiskBytes(minFreeDiskBytes);
    } catch (IllegalArgumentException e) {
      // A setting refused by the config: the message names it; no stack trace for a user's typo.
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (benchNoopEndpoint) {
      config.routes(new NoopEndpoint());
    }
    PulseServer server = PulseServer.start(config.build());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  out.println("Pulse stopped: requests in flight finished, store closed.");
                  out.flush();
                  stopped.countDown();
                },
                "pulse-shutdown"));
    printBanner(out, server);
    stopped.await();
    return 0;
  }

  private void printBanner(PrintWriter out, PulseServer server) {
    String base = "http://" + host + ":" + server.port();
    out.println("Pulse " + PulseVersion.current() + " listening on " + base);
    out.println("  telemetry endpoint: " + base + "/telemetry/query  (point components' api-address at " + base + ")");
    out.println("  data dir: " + server.dataDir().toAbsolutePath());
    out.println("  store: " + StoreLocation.parse(store, server.dataDir()));
    server
        .generatedAdminToken()
        .ifPresentOrElse(
            token -> {
              out.println("  admin token (shown once; only its hash is stored): " + token);
            },
            () -> out.println("  " + server.adminToken().describe()));
    out.flush();
  }
}
