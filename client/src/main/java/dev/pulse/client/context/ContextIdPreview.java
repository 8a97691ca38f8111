package dev.pulse.client.context;

import java.nio.file.Path;
import java.util.Optional;
import dev.pulse.schema.Anonymizer;

/**
 * The contextId a component on this machine would report, and what it is derived from, found without
 * side effects: no file is created, and with telemetry off nothing is read or asked at all (what
 * {@code pulse status} shows).
 *
 * @param value the contextId, or empty when it is not known without creating it (or telemetry is off)
 * @param source {@code kubernetes} (hash of the kube-system namespace UID), {@code per-user-file} or
 *     {@code per-run} (no config directory: a new random id each run)
 * @param file the per-user id file, or null when there is no config directory (no home)
 * @param detail one sentence for a person
 */
public record ContextIdPreview(Optional<String> value, String source, Path file, String detail) {

  /** The preview for these settings; {@code telemetryOn} false means nothing is read or contacted. */
  public static ContextIdPreview of(
      boolean telemetryOn, KubernetesApi kubernetes, Path configDir, Anonymizer anonymizer) {
    if (configDir == null) {
      return noDirectory(telemetryOn, kubernetes, anonymizer);
    }
    Path file = configDir.resolve(PersistedContextId.FILE_NAME);
    if (!telemetryOn) {
      String from = kubernetes.inCluster()
          ? "the hash of the kube-system namespace UID (read from the Kubernetes API)"
          : "the hash of a random id kept in " + file;
      return new ContextIdPreview(Optional.empty(), kubernetes.inCluster() ? "kubernetes" : "per-user-file",
          file, "none: telemetry is off, so nothing is read or created; when on, it would be " + from);
    }
    Optional<String> fromCluster = new KubernetesContextId(kubernetes, anonymizer).contextId();
    if (fromCluster.isPresent()) {
      return new ContextIdPreview(fromCluster, "kubernetes", file, "hash of the kube-system namespace UID");
    }
    Optional<String> kept = new PersistedContextId(configDir, anonymizer).existing();
    if (kept.isPresent()) {
      return new ContextIdPreview(kept, "per-user-file", file, "per-user id kept in " + file);
    }
    return new ContextIdPreview(Optional.empty(), "per-user-file", file,
        "not created yet: a component keeps a random id in " + file + " when it first sends");
  }

  /** Without a config directory (no home): the cluster's id, else a new random one every run. */
  private static ContextIdPreview noDirectory(boolean telemetryOn, KubernetesApi kubernetes, Anonymizer anonymizer) {
    Optional<String> fromCluster = telemetryOn ? new KubernetesContextId(kubernetes, anonymizer).contextId()
        : Optional.empty();
    if (fromCluster.isPresent()) {
      return new ContextIdPreview(fromCluster, "kubernetes", null, "hash of the kube-system namespace UID");
    }
    return new ContextIdPreview(Optional.empty(), "per-run", null,
        "none kept: there is no home directory to keep one in, so each run reports a new random id");
  }
}
