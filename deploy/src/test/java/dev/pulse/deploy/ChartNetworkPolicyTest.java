package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's NetworkPolicy: only the server's port, from the peers given and the backup job. */
class ChartNetworkPolicyTest extends ChartRendering {

  private static final String INGRESS_NAMESPACE =
      "networkPolicy.from[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=ingress-nginx";

  @Test
  void theServersPortIsOpenToThePeersGivenAndToTheBackupJobOnly() {
    Manifests rendered = Manifests.parse(helm.template(CHART, "pulse", "pulse", "--set", "networkPolicy.enabled=true",
        "--set", INGRESS_NAMESPACE, "--set", "backup.enabled=true"));
    NetworkPolicy policy = rendered.one(NetworkPolicy.class);
    ServerWorkload server = new ServerWorkload(rendered.one(Deployment.class));

    assertThat(server.podLabels()).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
    assertThat(policy.getSpec().getIngress()).hasSize(1);
    assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getStrVal())
        .isEqualTo(server.server().getPorts().get(0).getName()));
    assertThat(rule.getFrom()).hasSize(2);
    assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
        .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
    Map<String, String> backupPod = rendered.one(CronJob.class).getSpec().getJobTemplate().getSpec().getTemplate()
        .getMetadata().getLabels();
    assertThat(backupPod).as("the backup job reaches the server")
        .containsAllEntriesOf(rule.getFrom().get(1).getPodSelector().getMatchLabels());
  }

  @Test
  void withoutPeersThePortIsOpenToAnyoneAndEveryOtherPortClosed() {
    NetworkPolicy policy = Manifests.parse(helm.template(CHART, "pulse", "pulse", "--set", "networkPolicy.enabled=true"))
        .one(NetworkPolicy.class);
    assertThat(policy.getSpec().getIngress()).singleElement()
        .satisfies(rule -> assertThat(rule.getFrom()).isNullOrEmpty());
  }

  @Test
  void noPolicyByDefault() {
    assertThat(Manifests.parse(helm.template(CHART, "pulse", "pulse")).all(NetworkPolicy.class)).isEmpty();
  }
}
