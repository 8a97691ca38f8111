package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart's scheduled backup of the embedded store: a CronJob that runs {@code pulse backup} against
 * the chart's Service into a PVC of its own. {@code ContainerImageTest} runs its script in the image.
 */
class ChartBackupTest extends ChartRendering {

  /** The backup job's container, rendered with {@code backup.enabled} and {@code args}. */
  static Container backupJob(Helm helm, String... args) {
    return podSpec(renderWithBackup(helm, args).one(CronJob.class)).getContainers().get(0);
  }

  @Test
  void aCronJobBacksTheServerUpIntoAClaimOfItsOwnWithTheServersToken() {
    Manifests rendered = renderWithBackup(helm, "--set", "backup.schedule=30 2 * * *", "--set", "backup.keep=3");
    CronJob cron = rendered.one(CronJob.class);
    Container job = podSpec(cron).getContainers().get(0);
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));
    Service service = rendered.one(Service.class);

    assertThat(cron.getSpec().getSchedule()).isEqualTo("30 2 * * *");
    assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(env(job, "PULSE_BACKUP_KEEP")).isEqualTo("3");
    assertThat(env(job, "PULSE_BACKUP_SERVER")).isEqualTo("http://" + service.getMetadata().getName() + ":"
        + service.getSpec().getPorts().get(0).getPort());
    EnvVar token = job.getEnv().stream().filter(e -> e.getName().equals("PULSE_ADMIN_TOKEN")).findFirst().orElseThrow();
    assertThat(token.getValueFrom().getSecretKeyRef()).isEqualTo(server.secretRef("PULSE_ADMIN_TOKEN"));
    assertThat(job.getCommand()).startsWith("bash", "-c");
    assertThat(job.getSecurityContext()).isEqualTo(server.server().getSecurityContext());
    var podLabels = cron.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()))
        .as("the Service selects a backup pod %s", podLabels).isFalse();

    String claim = podSpec(cron).getVolumes().stream().filter(v -> v.getName().equals("backups")).findFirst()
        .orElseThrow().getPersistentVolumeClaim().getClaimName();
    assertThat(rendered.all(PersistentVolumeClaim.class)).extracting(c -> c.getMetadata().getName())
        .contains(claim, "pulse-data");
    assertThat(job.getVolumeMounts()).anySatisfy(mount -> {
      assertThat(mount.getName()).isEqualTo("backups");
      assertThat(mount.getMountPath()).isEqualTo(env(job, "PULSE_BACKUP_DIR"));
    });
  }

  @Test
  void anExistingClaimIsUsedAndNoneCreated() {
    Manifests rendered = renderWithBackup(helm, "--set", "backup.persistence.existingClaim=nightly");
    assertThat(podSpec(rendered.one(CronJob.class)).getVolumes())
        .anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("nightly"));
    assertThat(rendered.all(PersistentVolumeClaim.class)).extracting(c -> c.getMetadata().getName())
        .containsExactly("pulse-data");
  }

  @Test
  void noBackupJobByDefault() {
    Manifests rendered = Manifests.parse(helm.template(CHART, "pulse", "pulse"));
    assertThat(rendered.all(CronJob.class)).isEmpty();
  }

  @Test
  void refusesABackupJobOnPostgresqlAndAKeepBelowOne() {
    Helm.Result postgres = helm.templateResult(CHART, "pulse", "pulse", "--set", "backup.enabled=true",
        "-f", CHART.resolve("ci").resolve("postgresql-values.yaml").toString());
    assertThat(postgres.exitCode()).isNotZero();
    assertThat(postgres.stderr()).contains("use PostgreSQL's own tools");
    Helm.Result none = helm.templateResult(CHART, "pulse", "pulse", "--set", "backup.enabled=true",
        "--set", "backup.keep=0");
    assertThat(none.exitCode()).isNotZero();
    assertThat(none.stderr()).contains("at '/backup/keep': minimum: got 0, want 1");
  }

  private static Manifests renderWithBackup(Helm helm, String... args) {
    List<String> all = new ArrayList<>(List.of("--set", "backup.enabled=true"));
    all.addAll(List.of(args));
    return Manifests.parse(helm.template(CHART, "pulse", "pulse", all.toArray(String[]::new)));
  }

  private static PodSpec podSpec(CronJob cron) {
    return cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
  }
}
