package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pods read the tokens, the context key and the database URL only when they start: a changed
 * secret value must change the pod template, so that {@code helm upgrade} restarts them and a rotated
 * token stops working; an upgrade that changes none must not.
 */
class ChartSecretValuesTest extends ChartRendering {

  /** The pod annotation holding the digest of the secret values given to the chart. */
  static final String CHECKSUM = "checksum/secret-values";

  private static final List<String> BASE = List.of("--set", "auth.adminToken=first-admin-token-0123",
      "--set", "auth.contextKey=a-context-key-of-the-deployment");

  @Test
  void anUpgradeThatChangesNoSecretValueLeavesThePodsRunning() {
    assertThat(checksum(BASE)).isNotBlank().isEqualTo(checksum(BASE));
    assertThat(checksum(with("--set", "resources.requests.cpu=250m", "--set", "podAnnotations.team=payments")))
        .isEqualTo(checksum(BASE));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "auth.adminToken=second-admin-token-456",
      "auth.readToken=a-read-token-for-the-team",
      "auth.contextKey=another-context-key-entirely",
      "auth.existingSecret=pulse-auth-of-our-own",
      "alerts.webhookSecret=pulse-webhook",
  })
  void aChangedSecretValueRestartsThePods(String changed) {
    assertThat(checksum(with("--set", changed))).isNotEqualTo(checksum(BASE));
  }

  @Test
  void aChangedDatabaseUrlRestartsThePods() {
    List<String> postgres = with("--set", "store.type=postgresql", "--set", "replicaCount=2",
        "--set", "store.postgresql.url=postgresql://db:5432/pulse?user=pulse&password=old");
    List<String> rotated = new ArrayList<>(postgres);
    rotated.addAll(List.of("--set", "store.postgresql.url=postgresql://db:5432/pulse?user=pulse&password=new"));
    assertThat(checksum(rotated)).isNotEqualTo(checksum(postgres));
  }

  private static List<String> with(String... more) {
    List<String> args = new ArrayList<>(BASE);
    args.addAll(List.of(more));
    return args;
  }

  private String checksum(List<String> args) {
    Deployment server = Manifests.parse(helm.template(CHART, "pulse", "pulse", args.toArray(String[]::new)))
        .one(Deployment.class);
    return server.getSpec().getTemplate().getMetadata().getAnnotations().get(CHECKSUM);
  }
}
