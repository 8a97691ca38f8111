package dev.pulse.cli.serve;

import dev.pulse.cli.version.PulseVersion;
import dev.pulse.server.PulseServer;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.web.TrustedProxies;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code pulse serve} prints once the server listens: the address to open and to point
 * components at, the data dir and store, the trusted proxies, the admin token (once, when generated),
 * where alerts go, and whether a read token is set.
 */
final class Banner {

  private Banner() {}

  /**
   * Prints the banner of {@code server}, listening on {@code host}; {@code alertRoute} says how alerts
   * reach their webhook (empty when alerts are off).
   */
  static void print(PrintWriter out, PulseServer server, String host, List<String> alertRoute) {
    // 0.0.0.0 is an address to listen on, not one to open: a browser on this machine uses localhost.
    boolean everyAddress = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    String base = (server.config().tls().isPresent() ? "https://" : "http://") + (everyAddress ? "localhost" : host)
        + ":" + server.port() + server.config().basePath().prefix();
    out.println("Pulse " + PulseVersion.current() + " listening on " + base);
    out.println("  dashboard: " + base + "/");
    out.println("  telemetry endpoint: " + base + "/telemetry/query; set components' api-address to "
        + (everyAddress ? "this machine's name or address on port " + server.port() + underBase(server) : base));
    out.println("  data dir: " + server.dataDir().toAbsolutePath().normalize());
    StoreLocation store = server.config().store();
    // As the data dir: absolute, however --data-dir or duckdb:DIR gave it.
    out.println("  store: " + (store instanceof StoreLocation.DuckDb duckDb
        ? new StoreLocation.DuckDb(duckDb.dataDir().toAbsolutePath().normalize()) : store));
    TrustedProxies proxies = server.config().trustedProxies();
    if (proxies.size() > 0) {
      out.println("  trusted proxies (" + proxies.size() + "): " + proxies
          + "; the wrong-token throttle counts the client address their X-Forwarded-For names");
    }
    server.generatedAdminToken().ifPresentOrElse(
        token -> out.println("  admin token (shown once; only its hash is stored): " + token),
        () -> out.println("  " + server.adminToken().describe()));
    alertRoute.forEach(line -> out.println("  " + line));
    if (server.config().readToken().isPresent()) {
      out.println("  read token: configured (PULSE_READ_TOKEN); it signs in and reads /api/, never imports or erases");
    }
    out.flush();
  }

  private static String underBase(PulseServer server) {
    String prefix = server.config().basePath().prefix();
    return prefix.isEmpty() ? "" : ", path " + prefix;
  }
}
