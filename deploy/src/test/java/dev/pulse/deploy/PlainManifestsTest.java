package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes: the manifests for users without Helm, loaded into fabric8's typed model. */
class PlainManifestsTest {

  private static final Path DIR = Manifests.MODULE.resolve("kubernetes");
  private static final String NAMESPACE = "pulse";

  private final Manifests all = Manifests.load(Manifests.yamlFilesUnder(DIR).toArray(Path[]::new));
  private final Manifests secrets = Manifests.load(DIR.resolve("secret-example.yaml"));
  private final ServerWorkload postgres = new ServerWorkload(
      Manifests.load(DIR.resolve("deployment.yaml")).one(Deployment.class));
  private final ServerWorkload embedded = new ServerWorkload(
      Manifests.load(DIR.resolve("embedded/deployment.yaml")).one(Deployment.class));

  @Test
  void everyManifestLoadsIntoTheTypedModel() {
    List<String> kinds = all.all().stream().map(Manifests::describe).toList();
    assertThat(kinds).containsExactlyInAnyOrder(
        "Deployment/pulse", "Deployment/pulse", "PersistentVolumeClaim/pulse-data", "Ingress/pulse",
        "Namespace/pulse", "PodDisruptionBudget/pulse", "Secret/pulse", "Secret/pulse-store",
        "Service/pulse", "ServiceAccount/pulse", "CronJob/pulse-backup", "PersistentVolumeClaim/pulse-backups",
        "HorizontalPodAutoscaler/pulse", "NetworkPolicy/pulse");
  }

  @Test
  void everyNamespacedObjectLivesInThePulseNamespace() {
    assertThat(all.one(Namespace.class).getMetadata().getName()).isEqualTo(NAMESPACE);
    for (HasMetadata object : all.all()) {
      if (!(object instanceof Namespace)) {
        assertThat(object.getMetadata().getNamespace()).as(Manifests.describe(object)).isEqualTo(NAMESPACE);
      }
    }
  }

  @Test
  void kustomizationListsExistingFilesAndLeavesOutTheExampleSecret() {
    List<String> resources = Manifests.read(DIR.resolve("kustomization.yaml")).lines()
        .map(String::strip)
        .filter(l -> l.startsWith("- "))
        .map(l -> l.substring(2))
        .toList();
    assertThat(resources).isNotEmpty().doesNotContain("secret-example.yaml");
    assertThat(resources).allSatisfy(r -> assertThat(Files.exists(DIR.resolve(r))).as(r).isTrue());
  }

  @Test
  void deploymentProbesHitHealthEndpoints() {
    postgres.assertProbesHitHealthEndpoints();
    embedded.assertProbesHitHealthEndpoints();
  }

  @Test
  void containerListensOnPort8080NamedHttp() {
    postgres.assertListensOnHttp8080();
    embedded.assertListensOnHttp8080();
  }

  @Test
  void podRunsAsNonRootWithReadOnlyRootFilesystem() {
    postgres.assertRunsAsNonRootWithReadOnlyRoot();
    postgres.assertWritableDirectoriesAreVolumes();
    embedded.assertRunsAsNonRootWithReadOnlyRoot();
    embedded.assertWritableDirectoriesAreVolumes();
  }

  @Test
  void resourcesAndShutdownAreSet() {
    postgres.assertResourcesSet();
    postgres.assertDrainsOnSigterm();
    embedded.assertResourcesSet();
    embedded.assertDrainsOnSigterm();
  }

  @Test
  void postgresqlDeploymentReadsEverySecretThatTheExampleDefines() {
    postgres.assertAllServerFacts();
    assertThat(postgres.deployment().getSpec().getReplicas()).isGreaterThan(1);
    assertThat(postgres.deployment().getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    postgres.assertAdminTokenAndContextKeyFromSecret("pulse");
    for (String env : List.of("PULSE_STORE", "PULSE_ADMIN_TOKEN", "PULSE_CONTEXT_KEY")) {
      assertSecretExampleHas(postgres.secretRef(env));
    }
  }

  @Test
  void exampleSecretHoldsOnlyPlaceholders() {
    for (Secret secret : secrets.all(Secret.class)) {
      assertThat(secret.getData()).as("use stringData so the placeholders stay readable").isNullOrEmpty();
      assertThat(secret.getStringData().values()).allSatisfy(v -> assertThat(v).contains("CHANGE-ME"));
    }
    String url = secrets.named(Secret.class, "pulse-store").getStringData().get("store-url");
    assertThat(url).startsWith("postgresql://").contains("user=").contains("password=");
  }

  @Test
  void embeddedVariantRunsOneReplicaOnAClaim() {
    embedded.assertAllServerFacts();
    Deployment deployment = embedded.deployment();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType())
        .as("the old pod must release the DuckDB file before the new one opens it").isEqualTo("Recreate");
    assertThat(embedded.env("PULSE_STORE")).as("embedded store needs no PULSE_STORE").isEmpty();
    String claim = embedded.volumeAt(ServerWorkload.DATA_DIR).orElseThrow()
        .getPersistentVolumeClaim().getClaimName();
    PersistentVolumeClaim pvc = all.named(PersistentVolumeClaim.class, claim);
    assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(pvc.getSpec().getResources().getRequests()).containsKey("storage");
    embedded.assertAdminTokenAndContextKeyFromSecret("pulse");
    assertSecretExampleHas(embedded.secretRef("PULSE_ADMIN_TOKEN"));
  }

  @Test
  void serviceSelectorMatchesPodLabels() {
    Service service = all.one(Service.class);
    postgres.assertSelectedBy(service);
    embedded.assertSelectedBy(service);
  }

  @Test
  void podDisruptionBudgetSelectorMatchesPodLabels() {
    postgres.assertProtectedBy(all.one(PodDisruptionBudget.class));
  }

  @Test
  void ingressRoutesToTheServiceHttpPort() {
    Ingress ingress = all.one(Ingress.class);
    ServerWorkload.assertRoutesTo(ingress, all.one(Service.class));
    assertThat(ingress.getSpec().getTls()).isNotEmpty();
  }

  @Test
  void podsUseTheServiceAccountWithoutAToken() {
    ServiceAccount account = all.one(ServiceAccount.class);
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    assertThat(postgres.pod().getServiceAccountName()).isEqualTo(account.getMetadata().getName());
    assertThat(embedded.pod().getServiceAccountName()).isEqualTo(account.getMetadata().getName());
  }

  private void assertSecretExampleHas(SecretKeySelector ref) {
    Secret secret = secrets.named(Secret.class, ref.getName());
    assertThat(secret.getStringData()).as("keys of Secret %s", ref.getName()).containsKey(ref.getKey());
  }
}
