package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes holds, object by object, what deploy/helm/pulse renders for the matching values. */
class ChartMatchesPlainManifestsTest extends ChartRendering {

  private static final Path PLAIN = Manifests.MODULE.resolve("kubernetes");

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
}
