package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What deploy/helm/pulse renders, and its notes say, when installed with no values at all. */
class ChartDefaultsTest extends ChartRendering {

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
  void singleReplicaGetsNoBudgetThatWouldBlockDrains() {
    assertThat(render().all(PodDisruptionBudget.class)).isEmpty();
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
}
