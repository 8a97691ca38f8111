package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** deploy/helm/pulse rendered by a real helm binary and parsed into fabric8's typed model. */
class PulseChartTest {

  private static final Path CHART = Manifests.MODULE.resolve("helm/pulse");
  private static final Path PLAIN = Manifests.MODULE.resolve("kubernetes");

  private Helm helm;

  // Per test, so that without helm every test is reported as skipped with the reason.
  @BeforeEach
  void findHelm() {
    helm = Helm.require();
  }

  private Manifests render(String... args) {
    return Manifests.parse(helm.template(CHART, "pulse", "pulse", args));
  }

  private static String values(String file) {
    return CHART.resolve("ci").resolve(file).toString();
  }

  @Test
  void defaultsRunOneEmbeddedServerOnAClaim() {
    Manifests rendered = render();
    assertThat(rendered.all().stream().map(Manifests::describe)).containsExactlyInAnyOrder(
        "ServiceAccount/pulse", "Secret/pulse", "PersistentVolumeClaim/pulse-data", "Service/pulse",
        "Deployment/pulse");
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));
    server.assertAllServerFacts();
    server.assertSelectedBy(rendered.one(Service.class));
    assertThat(server.deployment().getSpec().getReplicas()).isEqualTo(1);
    assertThat(server.deployment().getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(server.env("PULSE_STORE")).isEmpty();
    String claim = server.volumeAt(ServerWorkload.DATA_DIR).orElseThrow()
        .getPersistentVolumeClaim().getClaimName();
    assertThat(rendered.one(PersistentVolumeClaim.class).getMetadata().getName()).isEqualTo(claim);
  }

  @Test
  void defaultsReadAdminTokenAndContextKeyFromTheChartSecret() {
    Manifests rendered = render();
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));
    server.assertAdminTokenAndContextKeyFromSecret("pulse");
    Secret secret = rendered.one(Secret.class);
    for (String env : List.of("PULSE_ADMIN_TOKEN", "PULSE_CONTEXT_KEY")) {
      SecretKeySelector ref = server.secretRef(env);
      assertThat(decoded(secret, ref.getKey())).as("generated %s", env).hasSizeGreaterThanOrEqualTo(32);
    }
    assertThat(secret.getMetadata().getAnnotations())
        .as("losing the context key re-keys every install, so the Secret outlives the release")
        .containsEntry("helm.sh/resource-policy", "keep");
  }

  @Test
  void embeddedModeWithoutPersistenceUsesAnEmptyDir() {
    Manifests rendered = render("--set", "persistence.enabled=false");
    assertThat(rendered.all(PersistentVolumeClaim.class)).isEmpty();
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));
    assertThat(server.volumeAt(ServerWorkload.DATA_DIR).orElseThrow().getEmptyDir()).isNotNull();
  }

  @Test
  void postgresqlValuesRunSeveralReplicasWithEverySecretFromOutside() {
    Manifests rendered = render("-f", values("postgresql-values.yaml"));
    assertThat(rendered.all(Secret.class)).as("existing Secrets are used, none created").isEmpty();
    assertThat(rendered.all(PersistentVolumeClaim.class)).isEmpty();
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));
    server.assertAllServerFacts();
    assertThat(server.deployment().getSpec().getReplicas()).isEqualTo(3);
    var strategy = server.deployment().getSpec().getStrategy();
    assertThat(strategy.getType()).isEqualTo("RollingUpdate");
    assertThat(strategy.getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    assertThat(server.secretRef("PULSE_STORE")).satisfies(ref -> {
      assertThat(ref.getName()).isEqualTo("pulse-store");
      assertThat(ref.getKey()).isEqualTo("url");
    });
    server.assertAdminTokenAndContextKeyFromSecret("pulse-auth");
    assertThat(server.volumeAt(ServerWorkload.DATA_DIR).orElseThrow().getEmptyDir()).isNotNull();
    assertThat(server.pod().getAffinity().getPodAntiAffinity()).as("replicas spread over nodes").isNotNull();
  }

  @Test
  void postgresqlValuesAddABudgetAndAnIngressThatMatchThePods() {
    Manifests rendered = render("-f", values("postgresql-values.yaml"));
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));
    Service service = rendered.one(Service.class);
    server.assertSelectedBy(service);
    server.assertProtectedBy(rendered.one(PodDisruptionBudget.class));
    Ingress ingress = rendered.one(Ingress.class);
    ServerWorkload.assertRoutesTo(ingress, service);
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getSpec().getTls()).singleElement()
        .satisfies(tls -> assertThat(tls.getSecretName()).isEqualTo("pulse-tls"));
  }

  @Test
  void postgresqlUrlValueGoesIntoAChartCreatedSecret() {
    Manifests rendered = render("-f", values("postgresql-url-values.yaml"));
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));
    SecretKeySelector store = server.secretRef("PULSE_STORE");
    Secret storeSecret = rendered.named(Secret.class, store.getName());
    assertThat(decoded(storeSecret, store.getKey()))
        .isEqualTo("postgresql://db.example.internal:5432/pulse?user=pulse&password=change-me");
    Secret auth = rendered.named(Secret.class, server.secretRef("PULSE_ADMIN_TOKEN").getName());
    assertThat(decoded(auth, server.secretRef("PULSE_ADMIN_TOKEN").getKey())).isEqualTo("change-me-admin-token");
    assertThat(decoded(auth, server.secretRef("PULSE_CONTEXT_KEY").getKey())).isEqualTo("change-me-context-key");
  }

  @Test
  void basePathReachesTheServer() {
    Manifests rendered = render("--set", "basePath=/pulse");
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));
    assertThat(server.env("PULSE_BASE_PATH").map(EnvVar::getValue)).hasValue("/pulse");
    server.assertAllServerFacts(); // the probes stay at the root, where the server answers too
    assertThat(new ServerWorkload(render().one(Deployment.class)).env("PULSE_BASE_PATH")).isEmpty();
  }

  @Test
  void prometheusRuleCarriesTheRulesFileAsItIs() {
    Manifests rendered = render("--set", "metrics.prometheusRule.enabled=true",
        "--set", "metrics.prometheusRule.labels.release=kube-prometheus-stack");
    GenericKubernetesResource rule = rendered.all(GenericKubernetesResource.class).stream()
        .filter(object -> object.getKind().equals("PrometheusRule")).findFirst().orElseThrow();
    assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    Map<?, ?> file = new KubernetesSerialization().unmarshal(Manifests.read(PrometheusRulesTest.RULES), Map.class);
    // The {{ $labels }} of the annotations reach Prometheus as written, not rendered by Helm.
    assertThat(rule.getAdditionalProperties().get("spec")).isEqualTo(file);
    assertThat(render().all(GenericKubernetesResource.class)).as("off by default").isEmpty();
  }

  @Test
  void singleReplicaGetsNoBudgetThatWouldBlockDrains() {
    assertThat(render().all(PodDisruptionBudget.class)).isEmpty();
  }

  @Test
  void refusesEmbeddedStoreWithSeveralReplicas() {
    Helm.Result result = helm.templateResult(CHART, "pulse", "pulse", "--set", "replicaCount=2");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("store.type=embedded allows exactly 1 replica");
  }

  @Test
  void refusesPostgresqlWithoutAUrlOrSecret() {
    Helm.Result result = helm.templateResult(CHART, "pulse", "pulse", "--set", "store.type=postgresql");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("store.postgresql.existingSecret");
  }

  @Test
  void refusesAnUnknownStoreType() {
    Helm.Result result = helm.templateResult(CHART, "pulse", "pulse", "--set", "store.type=mysql");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("store.type must be");
  }

  @Test
  void refusesAnAdminTokenShorterThanTheServerAccepts() {
    // The server refuses fewer than 16 characters at start; the chart must say so before a crash loop.
    Helm.Result result = helm.templateResult(CHART, "pulse", "pulse",
        "--set-string", "auth.adminToken=0123456789abcde");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("auth.adminToken is 15 characters but the server needs at least 16");
  }

  @Test
  void acceptsAnAdminTokenOfSixteenCharacters() {
    Manifests rendered = render("--set-string", "auth.adminToken=0123456789abcdef");
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));
    SecretKeySelector ref = server.secretRef("PULSE_ADMIN_TOKEN");
    assertThat(decoded(rendered.named(Secret.class, ref.getName()), ref.getKey())).isEqualTo("0123456789abcdef");
  }

  @Test
  void aReadTokenReachesTheServerThroughTheSecretOnlyWhenSet() {
    Manifests rendered = render("--set-string", "auth.readToken=team-read-token-0123");
    SecretKeySelector ref = new ServerWorkload(rendered.one(Deployment.class)).secretRef("PULSE_READ_TOKEN");
    assertThat(decoded(rendered.named(Secret.class, ref.getName()), ref.getKey())).isEqualTo("team-read-token-0123");

    Manifests existing = render("--set", "auth.existingSecret=team-auth", "--set", "auth.readTokenKey=viewer");
    SecretKeySelector existingRef = new ServerWorkload(existing.one(Deployment.class)).secretRef("PULSE_READ_TOKEN");
    assertThat(List.of(existingRef.getName(), existingRef.getKey())).containsExactly("team-auth", "viewer");

    assertThat(new ServerWorkload(render().one(Deployment.class)).env("PULSE_READ_TOKEN")).isEmpty();
    Helm.Result shortToken = helm.templateResult(CHART, "pulse", "pulse", "--set-string", "auth.readToken=too-short");
    assertThat(shortToken.stderr()).contains("auth.readToken is 9 characters but the server needs at least 16");
  }

  @Test
  void alertsTakeTheWebhookFromASecretAndRefuseTheirOptionsWithoutIt() {
    ServerWorkload server = new ServerWorkload(render("--set", "alerts.webhookSecret=chat-hooks",
        "--set-string", "alerts.errorRate=0.05", "--set", "alerts.weeklyDigest=true").one(Deployment.class));
    SecretKeySelector webhook = server.secretRef("PULSE_ALERT_WEBHOOK");
    assertThat(List.of(webhook.getName(), webhook.getKey())).containsExactly("chat-hooks", "alert-webhook");
    assertThat(server.env("PULSE_ALERT_ERROR_RATE").map(EnvVar::getValue)).hasValue("0.05");
    assertThat(server.env("PULSE_ALERT_WEEKLY_DIGEST").map(EnvVar::getValue)).hasValue("true");

    assertThat(new ServerWorkload(render().one(Deployment.class)).env("PULSE_ALERT_WEBHOOK")).isEmpty();
    Helm.Result digestAlone = helm.templateResult(CHART, "pulse", "pulse", "--set", "alerts.weeklyDigest=true");
    assertThat(digestAlone.stderr()).contains("need alerts.webhookSecret (a Secret holding the webhook URL)");
  }

  @Test
  void plainManifestsAreWhatTheChartRendersForPostgresql() {
    Manifests chart = render("-f", values("plain-manifests-values.yaml"));
    Manifests plain = Manifests.load(Manifests.yamlFilesUnder(PLAIN).stream()
        .filter(p -> !p.startsWith(PLAIN.resolve("embedded")) && !p.startsWith(PLAIN.resolve("optional")))
        .toArray(Path[]::new));
    for (HasMetadata rendered : chart.all()) {
      HasMetadata written = plain.named(rendered.getClass(), rendered.getMetadata().getName());
      assertSameObject(written, rendered);
    }
  }

  @Test
  void embeddedPlainManifestsAreWhatTheChartRendersByDefault() {
    Manifests chart = render("-f", values("plain-embedded-values.yaml"));
    Manifests plain = Manifests.load(PLAIN.resolve("embedded/deployment.yaml"), PLAIN.resolve("embedded/pvc.yaml"));
    assertSameObject(plain.one(Deployment.class), chart.one(Deployment.class));
    assertSameObject(plain.one(PersistentVolumeClaim.class), chart.one(PersistentVolumeClaim.class));
  }

  @Test
  void embeddedBackupManifestsAreWhatTheChartRendersWithBackups() {
    Manifests chart = render("-f", values("plain-embedded-values.yaml"), "--set", "backup.enabled=true");
    Manifests plain = Manifests.load(Manifests.yamlFilesUnder(PLAIN.resolve("embedded/backup")).toArray(Path[]::new));
    assertSameObject(plain.one(CronJob.class), chart.one(CronJob.class));
    assertSameObject(plain.named(PersistentVolumeClaim.class, "pulse-backups"),
        chart.named(PersistentVolumeClaim.class, "pulse-backups"));
  }

  @Test
  void optionalPlainManifestsAreWhatTheChartRendersWithAutoscalingAndANetworkPolicy() {
    Manifests chart = render("-f", values("plain-manifests-values.yaml"), "-f", values("plain-optional-values.yaml"));
    Manifests plain = Manifests.load(Manifests.yamlFilesUnder(PLAIN.resolve("optional")).toArray(Path[]::new));
    assertThat(plain.all()).hasSize(2);
    assertSameObject(plain.one(HorizontalPodAutoscaler.class), chart.one(HorizontalPodAutoscaler.class));
    assertSameObject(plain.one(NetworkPolicy.class), chart.one(NetworkPolicy.class));
    assertThat(chart.one(HorizontalPodAutoscaler.class).getSpec().getScaleTargetRef().getName())
        .isEqualTo(Manifests.load(PLAIN.resolve("deployment.yaml")).one(Deployment.class).getMetadata().getName());
  }

  @Test
  void chartPassesHelmLint() {
    for (String valuesFile : List.of("postgresql-values.yaml", "postgresql-url-values.yaml",
        "plain-manifests-values.yaml")) {
      Helm.Result result = helm.run(CHART.getParent(),
          List.of("lint", "--strict", CHART.toString(), "-f", values(valuesFile)));
      assertThat(result.exitCode()).as("helm lint with %s:\n%s", valuesFile, result.stdout()).isZero();
    }
  }

  @Test
  void notesTellWhereTheServerIsAndHowToReadTheToken() {
    Helm.Result result = helm.run(CHART.getParent(),
        List.of("install", "pulse", CHART.toString(), "--namespace", "pulse", "--dry-run=client"));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    String notes = result.stdout().substring(result.stdout().indexOf("NOTES:"));
    assertThat(notes)
        .contains("http://pulse.pulse.svc:80")
        .contains("get secret pulse")
        .contains("{.data.admin-token}")
        .contains("exactly 1 replica");
  }

  /**
   * Same kind, name, namespace and spec; labels equal except the two that only Helm sets (on a job's
   * pods too), and pod annotations but the digest of the chart's secret values (plain manifests have no
   * values).
   */
  private static void assertSameObject(HasMetadata written, HasMetadata rendered) {
    String what = Manifests.describe(rendered);
    if (rendered instanceof Deployment d) {
      var template = d.getSpec().getTemplate().getMetadata();
      template.getAnnotations().remove(ChartSecretValuesTest.CHECKSUM);
      if (template.getAnnotations().isEmpty()) {
        template.setAnnotations(null);
      }
    }
    assertThat(written.getMetadata().getNamespace()).as(what).isEqualTo(rendered.getMetadata().getNamespace());
    if (rendered instanceof CronJob job) {
      withoutHelmLabels(job.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels());
    }
    var renderedLabels = new java.util.TreeMap<>(rendered.getMetadata().getLabels());
    withoutHelmLabels(renderedLabels);
    assertThat(written.getMetadata().getLabels()).as("labels of %s", what).isEqualTo(renderedLabels);
    assertThat(specOf(written)).as("spec of %s", what).isEqualTo(specOf(rendered));
  }

  private static void withoutHelmLabels(Map<String, String> labels) {
    labels.remove("helm.sh/chart");
    labels.remove("app.kubernetes.io/managed-by");
  }

  private static Object specOf(HasMetadata object) {
    if (object instanceof Deployment d) {
      return d.getSpec();
    }
    if (object instanceof Service s) {
      return s.getSpec();
    }
    if (object instanceof PodDisruptionBudget p) {
      return p.getSpec();
    }
    if (object instanceof Ingress i) {
      return i.getSpec();
    }
    if (object instanceof PersistentVolumeClaim c) {
      return c.getSpec();
    }
    if (object instanceof CronJob j) {
      return j.getSpec();
    }
    if (object instanceof HorizontalPodAutoscaler a) {
      return a.getSpec();
    }
    if (object instanceof NetworkPolicy n) {
      return n.getSpec();
    }
    if (object instanceof io.fabric8.kubernetes.api.model.ServiceAccount a) {
      return a.getAutomountServiceAccountToken();
    }
    throw new AssertionError("no comparison for " + Manifests.describe(object));
  }

  private static String decoded(Secret secret, String key) {
    assertThat(secret.getData()).as("keys of Secret %s", secret.getMetadata().getName()).containsKey(key);
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
