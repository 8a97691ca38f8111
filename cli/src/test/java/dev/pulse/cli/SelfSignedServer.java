package dev.pulse.cli;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS server on a loopback port with a self-signed certificate made by the JDK's keytool,
 * as a server behind a private certificate authority looks to a client that does not trust it.
 */
final class SelfSignedServer implements AutoCloseable {

  private final HttpsServer server;

  private SelfSignedServer(HttpsServer server) {
    this.server = server;
  }

  static SelfSignedServer start(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
    KeyStore keys = SelfSignedKey.store(dir, "RSA");
    KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, SelfSignedKey.PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(managers.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    return new SelfSignedServer(server);
  }

  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
