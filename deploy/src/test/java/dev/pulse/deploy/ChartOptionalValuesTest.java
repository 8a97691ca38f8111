package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the chart's optional values add to its defaults: PostgreSQL, tokens, a base path, trusted
 * proxies, alerts, a PrometheusRule.
 */
class ChartOptionalValuesTest extends ChartRendering {

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
  void trustedProxiesReachTheServerAsOneCommaSeparatedSetting() {
    Manifests rendered = render("-f", values("postgresql-values.yaml"), "--set", "trustedProxies={10.0.0.0/8,fd00::/8}");
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));
    assertThat(server.env("PULSE_TRUSTED_PROXIES").map(EnvVar::getValue)).hasValue("10.0.0.0/8,fd00::/8");
    assertThat(new ServerWorkload(render().one(Deployment.class)).env("PULSE_TRUSTED_PROXIES")).isEmpty();
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
}
