package dev.pulse.server.http;

import dev.pulse.server.threads.BackgroundThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the server's connector speak TLS with {@link TlsFiles}, and serves a renewed certificate
 * without a restart: the files are checked every {@link TlsFiles#reloadCheck()}, and a change that
 * reads as a whole (a certificate and its own key) replaces the one in use for new connections. A
 * change that does not (a renewal caught half-written, a wrong key) keeps the one in use and says
 * so once, until the files change again.
 */
final class TlsListener {

  private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);

  private final TlsFiles files;
  private final SslContextFactory.Server ssl = new SslContextFactory.Server();
  private List<FileTime> loaded;
  private volatile long notAfterSeconds;

  private TlsListener(TlsFiles files) {
    this.files = files;
  }

  /**
   * Reads the files now (so a bad one stops the start), turns TLS on as the server starts, and tells
   * {@code metrics} when the certificate in use expires.
   */
  static void install(Server server, TlsFiles files, ServerMetrics metrics) {
    TlsListener tls = new TlsListener(files);
    tls.loaded = tls.modified();
    KeyStore first = PemKeyStore.load(files);
    tls.use(first);
    tls.notAfterSeconds = notAfter(first);
    metrics.watchCertificateExpiry(() -> tls.notAfterSeconds);
    ScheduledExecutorService checks =
        Executors.newSingleThreadScheduledExecutor(r -> BackgroundThreads.newThread(r, "pulse-tls-reload"));
    server.addEventListener(
        new LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(LifeCycle event) {
            for (Connector connector : server.getConnectors()) {
              if (connector instanceof ServerConnector serverConnector) {
                tls.secure(serverConnector);
              }
            }
          }

          @Override
          public void lifeCycleStarted(LifeCycle event) {
            long every = files.reloadCheck().toMillis();
            checks.scheduleWithFixedDelay(tls::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
          }

          @Override
          public void lifeCycleStopped(LifeCycle event) {
            checks.shutdownNow();
          }
        });
  }

  private void secure(ServerConnector connector) {
    HttpConnectionFactory http = Objects.requireNonNull(connector.getConnectionFactory(HttpConnectionFactory.class),
        "the connector speaks HTTP");
    // Marks requests secure (the session cookie gets Secure). Checking the Host against the
    // certificate is the client's job: a mismatch here would be a 400 with no useful words.
    http.getHttpConfiguration().addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
    // Plain HTTP on the port goes on to HTTP unencrypted, where HttpsOnly sends it to https://.
    DetectorConnectionFactory tlsOrPlain =
        new DetectorConnectionFactory(new SslConnectionFactory(ssl, http.getProtocol()));
    connector.addFirstConnectionFactory(tlsOrPlain);
    connector.setDefaultProtocol(tlsOrPlain.getProtocol());
  }

  private void use(KeyStore store) {
    ssl.setKeyStore(store);
    ssl.setKeyStorePassword(new String(PemKeyStore.PASSWORD));
  }

  private void reloadIfChanged() {
    List<FileTime> now = modified();
    if (now.equals(loaded)) {
      return;
    }
    loaded = now; // a failure is told once, and tried again at the next change
    try {
      KeyStore store = PemKeyStore.load(files);
      ssl.reload(factory -> factory.setKeyStore(store));
      notAfterSeconds = notAfter(store);
      LOG.info("TLS: serving the certificate in {} as it is now on disk", files.certificate());
    } catch (Exception e) {
      LOG.warn("TLS: kept the certificate in use, since the files changed to something it cannot serve: {}",
          e.getMessage());
    }
  }

  private static long notAfter(KeyStore store) {
    try {
      X509Certificate served = (X509Certificate) store.getCertificate(PemKeyStore.ALIAS);
      return served.getNotAfter().toInstant().getEpochSecond();
    } catch (KeyStoreException e) {
      throw new IllegalStateException("a loaded key store answers", e);
    }
  }

  private List<FileTime> modified() {
    return List.of(modified(files.certificate()), modified(files.privateKey()));
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0); // gone for now (a renewal replacing it): its return is a change
    }
  }
}
