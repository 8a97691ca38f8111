package dev.pulse.client.context;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import dev.pulse.client.http.OwnedHttpClient;
import dev.pulse.client.json.JsonParser;
import dev.pulse.schema.Anonymizer;

/**
 * The Go components' contextId in Kubernetes: anonymize(UID of the {@code kube-system} namespace),
 * read from the API server with the pod's service-account token, trusting only the service-account CA.
 * Empty outside a cluster, on 403 (no RBAC to get namespaces), on timeouts and on any other failure;
 * the reason is logged at DEBUG.
 */
public final class KubernetesContextId implements ContextIdProvider {

  private static final System.Logger LOG = System.getLogger(KubernetesContextId.class.getName());

  private final KubernetesApi api;
  private final Anonymizer anonymizer;

  /** Reads from this API server. */
  public KubernetesContextId(KubernetesApi api, Anonymizer anonymizer) {
    this.api = api;
    this.anonymizer = anonymizer;
  }

  @Override
  public Optional<String> contextId() {
    if (!api.inCluster()) {
      return Optional.empty();
    }
    try {
      return fetchUid().map(anonymizer::anonymize);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.log(Level.DEBUG, "no contextId from the Kubernetes API at " + api.namespaceUri() + ": " + e);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private Optional<String> fetchUid()
      throws IOException, GeneralSecurityException, InterruptedException {
    String token = Files.readString(api.tokenFile(), StandardCharsets.UTF_8).trim();
    OwnedHttpClient owned = OwnedHttpClient.build(HttpClient.newBuilder()
        .sslContext(trusting())
        .connectTimeout(api.timeout()));
    try {
      return fetchUid(owned.client(), token);
    } finally {
      owned.close(Duration.ofSeconds(1)); // its threads end here, not when it is collected
    }
  }

  private Optional<String> fetchUid(HttpClient client, String token)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(api.namespaceUri())
        .timeout(api.timeout())
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .GET()
        .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      LOG.log(Level.DEBUG, "Kubernetes API answered " + response.statusCode() + " for " + api.namespaceUri());
      return Optional.empty();
    }
    Object uid = JsonParser.path(JsonParser.parse(response.body()), "metadata", "uid");
    return uid instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  private SSLContext trusting() throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(api.caFile())) {
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, cert);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** Convenience: the URI of {@code kube-system} on an API server. */
  static URI namespaceUri(String host, int port) {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("https://" + h + ":" + port + "/api/v1/namespaces/kube-system");
  }
}
