package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import java.util.Optional;

/**
 * The facts every Pulse server deployment must hold, whether it comes from the plain manifests or from
 * the chart: the contract of the server (port 8080, /healthz and /readyz, the data directory, the env
 * variables it reads) and the hardening we promise (non-root, read-only root filesystem, resources).
 */
final class ServerWorkload {

  static final int SERVER_PORT = 8080;
  static final String DATA_DIR = "/var/lib/pulse";

  private final Deployment deployment;

  ServerWorkload(Deployment deployment) {
    this.deployment = deployment;
  }

  Deployment deployment() {
    return deployment;
  }

  PodSpec pod() {
    return deployment.getSpec().getTemplate().getSpec();
  }

  Container server() {
    assertThat(pod().getContainers()).as("containers of %s", name()).hasSize(1);
    return pod().getContainers().get(0);
  }

  String name() {
    return deployment.getMetadata().getName();
  }

  Map<String, String> podLabels() {
    return deployment.getSpec().getTemplate().getMetadata().getLabels();
  }

  Optional<EnvVar> env(String name) {
    return server().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
  }

  /** The Secret name and key an env variable is read from; fails if it is a literal or missing. */
  SecretKeySelector secretRef(String envName) {
    EnvVar env = env(envName).orElseThrow(() -> new AssertionError(envName + " is not set in " + name()));
    assertThat(env.getValue()).as("%s must come from a Secret, not a literal", envName).isNull();
    assertThat(env.getValueFrom()).as("%s.valueFrom", envName).isNotNull();
    SecretKeySelector ref = env.getValueFrom().getSecretKeyRef();
    assertThat(ref).as("%s.valueFrom.secretKeyRef", envName).isNotNull();
    assertThat(ref.getName()).as("%s secret name", envName).isNotBlank();
    assertThat(ref.getKey()).as("%s secret key", envName).isNotBlank();
    return ref;
  }

  /** Resolves a probe's or Service's port (a number, or the name of a container port). */
  int containerPort(IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return server().getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
  }

  void assertListensOnHttp8080() {
    assertThat(server().getPorts()).hasSize(1);
    ContainerPort port = server().getPorts().get(0);
    assertThat(port.getName()).isEqualTo("http");
    assertThat(port.getContainerPort()).isEqualTo(SERVER_PORT);
    assertThat(port.getProtocol()).isEqualTo("TCP");
    assertThat(env("PULSE_PORT")).map(EnvVar::getValue).contains(String.valueOf(SERVER_PORT));
  }

  void assertProbesHitHealthEndpoints() {
    assertHttpProbe("readiness", server().getReadinessProbe(), "/readyz");
    assertHttpProbe("liveness", server().getLivenessProbe(), "/healthz");
    if (server().getStartupProbe() != null) {
      assertHttpProbe("startup", server().getStartupProbe(), "/healthz");
    }
  }

  private void assertHttpProbe(String kind, Probe probe, String path) {
    assertThat(probe).as("%s probe", kind).isNotNull();
    assertThat(probe.getHttpGet()).as("%s probe httpGet", kind).isNotNull();
    assertThat(probe.getHttpGet().getPath()).as("%s probe path", kind).isEqualTo(path);
    assertThat(containerPort(probe.getHttpGet().getPort())).as("%s probe port", kind).isEqualTo(SERVER_PORT);
    assertThat(probe.getPeriodSeconds()).as("%s probe period", kind).isPositive();
  }

  void assertRunsAsNonRootWithReadOnlyRoot() {
    PodSecurityContext podContext = pod().getSecurityContext();
    assertThat(podContext).as("pod securityContext").isNotNull();
    assertThat(podContext.getRunAsNonRoot()).as("pod runAsNonRoot").isTrue();
    assertThat(podContext.getRunAsUser()).as("pod runAsUser").isEqualTo(10001L);
    assertThat(podContext.getFsGroup()).as("pod fsGroup (makes the volumes writable)").isEqualTo(10001L);
    assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    SecurityContext context = server().getSecurityContext();
    assertThat(context).as("container securityContext").isNotNull();
    assertThat(context.getRunAsNonRoot()).isTrue();
    assertThat(context.getAllowPrivilegeEscalation()).isFalse();
    assertThat(context.getReadOnlyRootFilesystem()).isTrue();
    assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(context.getPrivileged()).isNotEqualTo(Boolean.TRUE);
  }

  /** With a read-only root, the data directory and /tmp (JVM, DuckDB's native library) need volumes. */
  void assertWritableDirectoriesAreVolumes() {
    assertThat(volumeAt(DATA_DIR)).as("volume at %s", DATA_DIR).isPresent();
    assertThat(volumeAt("/tmp")).as("volume at /tmp").isPresent();
    assertThat(volumeAt("/tmp").get().getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
    assertThat(env("PULSE_DATA_DIR")).map(EnvVar::getValue).contains(DATA_DIR);
  }

  Optional<Volume> volumeAt(String mountPath) {
    Optional<VolumeMount> mount = server().getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals(mountPath))
        .findFirst();
    return mount.flatMap(m -> pod().getVolumes().stream()
        .filter(v -> v.getName().equals(m.getName()))
        .findFirst());
  }

  void assertResourcesSet() {
    var resources = server().getResources();
    assertThat(resources).as("resources").isNotNull();
    assertThat(resources.getRequests()).as("requests").containsKeys("cpu", "memory");
    assertThat(resources.getLimits()).as("limits").containsKey("memory");
  }

  void assertDrainsOnSigterm() {
    Long grace = pod().getTerminationGracePeriodSeconds();
    assertThat(grace).as("terminationGracePeriodSeconds").isNotNull().isGreaterThanOrEqualTo(30L);
    var preStop = server().getLifecycle() == null ? null : server().getLifecycle().getPreStop();
    if (preStop != null) {
      assertThat(preStop.getExec().getCommand()).first().isEqualTo("sleep");
      long sleep = Long.parseLong(preStop.getExec().getCommand().get(1));
      assertThat(sleep).as("preStop sleep leaves time to drain").isLessThan(grace);
    }
  }

  void assertAdminTokenAndContextKeyFromSecret(String secretName) {
    SecretKeySelector token = secretRef("PULSE_ADMIN_TOKEN");
    SecretKeySelector contextKey = secretRef("PULSE_CONTEXT_KEY");
    assertThat(token.getName()).isEqualTo(secretName);
    assertThat(contextKey.getName()).as("every replica reads the same context key").isEqualTo(secretName);
    assertThat(token.getKey()).isNotEqualTo(contextKey.getKey());
  }

  void assertAllServerFacts() {
    assertListensOnHttp8080();
    assertProbesHitHealthEndpoints();
    assertRunsAsNonRootWithReadOnlyRoot();
    assertWritableDirectoriesAreVolumes();
    assertResourcesSet();
    assertDrainsOnSigterm();
    assertThat(server().getArgs()).containsExactly("serve");
    assertThat(pod().getAutomountServiceAccountToken()).as("Pulse calls no Kubernetes API").isFalse();
    assertThat(pod().getEnableServiceLinks())
        .as("no Service variables: a Service named pulse would set PULSE_PORT=tcp://...").isFalse();
  }

  void assertSelectedBy(Service service) {
    Map<String, String> selector = service.getSpec().getSelector();
    assertThat(selector).as("selector of Service %s", service.getMetadata().getName()).isNotEmpty();
    assertThat(podLabels()).as("pod labels matched by Service selector").containsAllEntriesOf(selector);
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
    assertThat(service.getSpec().getPorts()).hasSize(1);
    ServicePort port = service.getSpec().getPorts().get(0);
    assertThat(port.getName()).isEqualTo("http");
    assertThat(containerPort(port.getTargetPort())).as("Service targetPort").isEqualTo(SERVER_PORT);
  }

  void assertProtectedBy(PodDisruptionBudget budget) {
    assertProtectedBy(budget, deployment.getSpec().getReplicas());
  }

  /** As {@link #assertProtectedBy(PodDisruptionBudget)}, for {@code replicas} pods (an autoscaler's fewest). */
  void assertProtectedBy(PodDisruptionBudget budget, int replicas) {
    Map<String, String> selector = budget.getSpec().getSelector().getMatchLabels();
    assertThat(selector).as("PDB selector").isNotEmpty();
    assertThat(podLabels()).as("pod labels matched by PDB selector").containsAllEntriesOf(selector);
    assertThat(budget.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
    int minAvailable = budget.getSpec().getMinAvailable().getIntVal();
    assertThat(minAvailable).as("PDB minAvailable below replicas, so drains can proceed")
        .isPositive().isLessThan(replicas);
  }

  static void assertRoutesTo(Ingress ingress, Service service) {
    assertThat(ingress.getSpec().getRules()).isNotEmpty();
    for (IngressRule rule : ingress.getSpec().getRules()) {
      assertThat(rule.getHost()).isNotBlank();
      for (HTTPIngressPath path : rule.getHttp().getPaths()) {
        assertThat(path.getPathType()).isIn("Prefix", "Exact", "ImplementationSpecific");
        var backend = path.getBackend().getService();
        assertThat(backend.getName()).isEqualTo(service.getMetadata().getName());
        assertThat(backend.getPort().getName()).isEqualTo(service.getSpec().getPorts().get(0).getName());
      }
    }
  }
}
