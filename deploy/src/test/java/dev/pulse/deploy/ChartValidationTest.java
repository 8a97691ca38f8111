package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What helm accepts of the chart: it passes helm lint, and values the server cannot run with are refused. */
class ChartValidationTest extends ChartRendering {

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
    assertThat(result.stderr()).contains("at '/store/type': value must be one of 'embedded', 'postgresql'");
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
  void chartPassesHelmLint() {
    for (String valuesFile : List.of("postgresql-values.yaml", "postgresql-url-values.yaml",
        "plain-manifests-values.yaml")) {
      Helm.Result result = helm.run(CHART.getParent(),
          List.of("lint", "--strict", CHART.toString(), "-f", values(valuesFile)));
      assertThat(result.exitCode()).as("helm lint with %s:\n%s", valuesFile, result.stdout()).isZero();
    }
  }
}
