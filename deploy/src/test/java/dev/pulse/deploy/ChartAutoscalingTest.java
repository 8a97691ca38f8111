package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

/**
 * The chart's autoscaler: PostgreSQL only, it owns the replica count, and the disruption budget follows
 * it (and never blocks every drain).
 */
class ChartAutoscalingTest extends ChartRendering {

  private static final String POSTGRESQL = CHART.resolve("ci").resolve("postgresql-values.yaml").toString();

  @Test
  void anAutoscalerScalesTheServersOnCpuAndOwnsTheirCount() {
    Manifests rendered = Manifests.parse(helm.template(CHART, "pulse", "pulse", "-f", POSTGRESQL,
        "--set", "autoscaling.enabled=true", "--set", "autoscaling.minReplicas=3",
        "--set", "autoscaling.maxReplicas=9", "--set", "autoscaling.targetCPUUtilizationPercentage=60"));
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));
    HorizontalPodAutoscaler autoscaler = rendered.one(HorizontalPodAutoscaler.class);

    var target = autoscaler.getSpec().getScaleTargetRef();
    assertThat(target.getKind() + "/" + target.getName())
        .isEqualTo("Deployment/" + server.deployment().getMetadata().getName());
    assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(3);
    assertThat(autoscaler.getSpec().getMaxReplicas()).isEqualTo(9);
    assertThat(autoscaler.getSpec().getMetrics()).singleElement().satisfies(metric -> {
      assertThat(metric.getResource().getName()).isEqualTo("cpu");
      assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(60);
    });
    assertThat(server.deployment().getSpec().getReplicas())
        .as("no count of its own, which an upgrade would reset the autoscaler's to").isNull();
    server.assertProtectedBy(rendered.one(PodDisruptionBudget.class), autoscaler.getSpec().getMinReplicas());
    assertThat(server.pod().getAffinity().getPodAntiAffinity()).as("replicas spread over nodes").isNotNull();
  }

  @Test
  void anAutoscalerThatMayGoDownToOnePodGetsNoBudgetThatWouldBlockDrains() {
    Manifests rendered = Manifests.parse(helm.template(CHART, "pulse", "pulse", "-f", POSTGRESQL,
        "--set", "autoscaling.enabled=true", "--set", "autoscaling.minReplicas=1"));
    assertThat(rendered.all(HorizontalPodAutoscaler.class)).hasSize(1);
    assertThat(rendered.all(PodDisruptionBudget.class)).isEmpty();
  }

  @Test
  void noAutoscalerByDefault() {
    Manifests rendered = Manifests.parse(helm.template(CHART, "pulse", "pulse", "-f", POSTGRESQL));
    assertThat(rendered.all(HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(rendered.one(Deployment.class).getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void refusesAnAutoscalerOnTheEmbeddedStore() {
    assertRefused("autoscaling.enabled needs store.type=postgresql", "--set", "autoscaling.enabled=true");
  }

  @Test
  void refusesAMaximumBelowTheMinimum() {
    assertRefused("autoscaling.maxReplicas (2) is below autoscaling.minReplicas (4)", "-f", POSTGRESQL,
        "--set", "autoscaling.enabled=true", "--set", "autoscaling.minReplicas=4", "--set", "autoscaling.maxReplicas=2");
  }

  @Test
  void refusesAnAutoscalerWithoutACpuRequestToMeasureAgainst() {
    assertRefused("autoscaling.enabled needs resources.requests.cpu", "-f", POSTGRESQL,
        "--set", "autoscaling.enabled=true", "--set", "resources.requests.cpu=null");
  }

  @Test
  void refusesABudgetThatWouldBlockEveryDrain() {
    assertRefused("podDisruptionBudget.minAvailable is 3 but only 3 pods may run", "-f", POSTGRESQL,
        "--set", "podDisruptionBudget.minAvailable=3");
    assertRefused("podDisruptionBudget.minAvailable is 2 but only 2 pods may run", "-f", POSTGRESQL,
        "--set", "autoscaling.enabled=true", "--set", "podDisruptionBudget.minAvailable=2");
  }

  private void assertRefused(String message, String... args) {
    Helm.Result result = helm.templateResult(CHART, "pulse", "pulse", args);
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains(message);
  }
}
