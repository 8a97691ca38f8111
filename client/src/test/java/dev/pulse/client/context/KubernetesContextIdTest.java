package dev.pulse.client.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.testing.SelfSignedTls;
import dev.pulse.schema.Anonymizer;

/** Against a real HTTPS server on loopback that answers like the Kubernetes API server. */
class KubernetesContextIdTest {

  // The same UID and hash as the schema's AnonymizerTest (computed outside Java with sha256sum).
  private static final String KUBE_SYSTEM_UID = "6d5e3a0c-1b2f-4e8a-9c7d-0f1e2d3c4b5a";
  private static final String GO_HASH = "849291ccf2c61ae3c8ce4054254a27ed81ffacb3a6ba38bb07b51a481c8f25c5";

  @TempDir static Path certs;
  private static SelfSignedTls tls;
  private static SelfSignedTls otherCa;

  @TempDir Path dir;
  private HttpsServer server;
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private final CountDownLatch release = new CountDownLatch(1);

  /** What the fake API server does. */
  private enum Behaviour { OK, FORBIDDEN, HANG, GARBAGE }

  private volatile Behaviour behaviour = Behaviour.OK;

  @BeforeAll
  static void certificates() throws Exception {
    tls = SelfSignedTls.generate(certs, "apiserver");
    otherCa = SelfSignedTls.generate(certs, "stranger");
  }

  @AfterAll
  static void nothing() {}

  private KubernetesApi startServer() throws Exception {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-apiserver");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/api/v1/namespaces/kube-system", exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      String body;
      int status;
      switch (behaviour) {
        case FORBIDDEN -> {
          status = 403;
          body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"namespaces"
              + " \\\"kube-system\\\" is forbidden\",\"reason\":\"Forbidden\",\"code\":403}";
        }
        case HANG -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return;
        }
        case GARBAGE -> {
          status = 200;
          body = "<html>not json";
        }
        default -> {
          status = 200;
          body = "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"kube-system\","
              + "\"uid\":\"" + KUBE_SYSTEM_UID + "\",\"resourceVersion\":\"4\"},\"spec\":{\"finalizers\":"
              + "[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}";
        }
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(bytes);
      }
    });
    server.start();
    Path token = dir.resolve("token");
    Files.writeString(token, "service-account-token\n");
    return new KubernetesApi("127.0.0.1", server.getAddress().getPort(), token, tls.caPem(),
        Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  private static Optional<String> lookup(KubernetesApi api) {
    return new KubernetesContextId(api, Anonymizer.create()).contextId();
  }

  @Test
  void hashesTheKubeSystemUidExactlyAsTheGoComponents() throws Exception {
    KubernetesApi api = startServer();

    assertThat(lookup(api)).contains(GO_HASH);
    assertThat(authorization.get()).isEqualTo("Bearer service-account-token");
  }

  @Test
  void givesNothingWhenForbidden() throws Exception {
    behaviour = Behaviour.FORBIDDEN;

    assertThat(lookup(startServer())).isEmpty();
  }

  @Test
  void givesUpWithinItsTimeoutWhenTheServerNeverAnswers() throws Exception {
    behaviour = Behaviour.HANG;
    KubernetesApi api = startServer();

    long start = System.nanoTime();
    assertThat(lookup(api)).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void givesNothingWithoutATokenFile() throws Exception {
    KubernetesApi api = startServer();
    KubernetesApi noToken = new KubernetesApi(api.host(), api.port(), dir.resolve("missing"),
        api.caFile(), api.timeout());

    assertThat(lookup(noToken)).isEmpty();
  }

  @Test
  void refusesAServerItsCaDidNotSign() throws Exception {
    KubernetesApi api = startServer();
    KubernetesApi wrongCa = new KubernetesApi(api.host(), api.port(), api.tokenFile(),
        otherCa.caPem(), api.timeout());

    assertThat(lookup(wrongCa)).isEmpty();
    assertThat(authorization.get()).isNull();
  }

  @Test
  void givesNothingForAnUnreadableAnswer() throws Exception {
    behaviour = Behaviour.GARBAGE;

    assertThat(lookup(startServer())).isEmpty();
  }

  @Test
  void doesNotApplyOutsideACluster() {
    KubernetesApi api = KubernetesApi.fromEnvironment(Map.of());

    assertThat(api.inCluster()).isFalse();
    assertThat(lookup(api)).isEmpty();
  }

  @Test
  void readsTheServiceHostAndPortFromThePodEnvironment() {
    KubernetesApi api = KubernetesApi.fromEnvironment(
        Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "6443"));

    assertThat(api.namespaceUri()).hasToString("https://10.96.0.1:6443/api/v1/namespaces/kube-system");
    assertThat(api.tokenFile()).hasToString("/var/run/secrets/kubernetes.io/serviceaccount/token");
    assertThat(api.caFile()).hasToString("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt");
  }

  @Test
  void chainFallsBackToThePersistedIdWhenTheApiServerRefuses() throws Exception {
    behaviour = Behaviour.FORBIDDEN;
    KubernetesApi api = startServer();
    Path config = dir.resolve("config");

    String first = ContextIds.standard(null, api, config, Anonymizer.create()).resolve();
    String second = ContextIds.standard(null, api, config, Anonymizer.create()).resolve();

    assertThat(first).matches("[0-9a-f]{64}").isEqualTo(second);
    assertThat(config.resolve(PersistedContextId.FILE_NAME)).exists();
  }

  @Test
  void explicitIdWinsOverEverything() throws Exception {
    KubernetesApi api = startServer();

    assertThat(ContextIds.standard("given", api, dir, Anonymizer.create()).resolve()).isEqualTo("given");
  }
}
