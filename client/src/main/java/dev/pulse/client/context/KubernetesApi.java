package dev.pulse.client.context;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the in-cluster Kubernetes API server is and how to authenticate to it. {@link
 * #fromEnvironment} gives what a pod sees; tests point it at a loopback server.
 *
 * @param host the API server host ({@code KUBERNETES_SERVICE_HOST}), or "" outside a cluster
 * @param port the API server port ({@code KUBERNETES_SERVICE_PORT})
 * @param tokenFile the service-account token
 * @param caFile the service-account CA bundle (PEM)
 * @param timeout the bound on connecting and on the whole request
 */
public record KubernetesApi(String host, int port, Path tokenFile, Path caFile, Duration timeout) {

  /** The service-account directory of a pod. */
  public static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  /** The default bound on the lookup. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  public KubernetesApi {
    host = host == null ? "" : host;
    Objects.requireNonNull(tokenFile, "tokenFile");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** What a pod sees: the service host and port variables and the mounted service account. */
  public static KubernetesApi fromEnvironment(Map<String, String> env) {
    int port;
    try {
      port = Integer.parseInt(env.getOrDefault("KUBERNETES_SERVICE_PORT", "443").trim());
    } catch (NumberFormatException e) {
      port = 443;
    }
    return new KubernetesApi(
        env.getOrDefault("KUBERNETES_SERVICE_HOST", ""),
        port,
        SERVICE_ACCOUNT.resolve("token"),
        SERVICE_ACCOUNT.resolve("ca.crt"),
        DEFAULT_TIMEOUT);
  }

  /** Whether this looks like a pod (the service host is known). */
  public boolean inCluster() {
    return !host.isBlank();
  }

  /** {@code https://host:port/api/v1/namespaces/kube-system}. */
  public URI namespaceUri() {
    return KubernetesContextId.namespaceUri(host, port);
  }
}
