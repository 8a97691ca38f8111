package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/**
 * values.schema.json: helm refuses a value of the wrong type, out of range, not among its choices, of a
 * form Kubernetes would reject, or under a misspelt key, with a message naming the value; the maps meant
 * for keys of the user's own stay open.
 */
class ChartValuesSchemaTest extends ChartRendering {

  @Test
  void refusesAValueOfTheWrongTypeNamingIt() {
    assertThat(refusal("--set", "containerPort=abc")).contains("at '/containerPort': got string, want integer");
    assertThat(refusal("--set", "alerts.weeklyDigest=yes"))
        .contains("at '/alerts/weeklyDigest': got string, want boolean");
    assertThat(refusal("--set", "args[0]=serve", "--set", "args[1]=--port", "--set", "args[2]=9090"))
        .as("args are strings: a number would be rejected by the API server")
        .contains("at '/args/2': got number, want string");
  }

  @Test
  void refusesANumberOutOfItsRangeNamingTheBound() {
    assertThat(refusal("--set", "containerPort=99999"))
        .contains("at '/containerPort': maximum: got 99,999, want 65,535");
    assertThat(refusal("--set", "containerPort=0")).contains("at '/containerPort': minimum: got 0, want 1");
    assertThat(refusal("--set", "service.port=70000")).contains("at '/service/port': maximum");
    assertThat(refusal("--set", "replicaCount=-1")).contains("at '/replicaCount': minimum: got -1, want 0");
    assertThat(refusal("--set", "probes.liveness.periodSeconds=0"))
        .contains("at '/probes/liveness/periodSeconds': minimum: got 0, want 1");
    assertThat(refusal("-f", values("postgresql-values.yaml"), "--set", "autoscaling.enabled=true",
        "--set", "autoscaling.minReplicas=0")).contains("at '/autoscaling/minReplicas': minimum: got 0, want 1");
  }

  @Test
  void refusesAMisspeltKeyAtAnyDepth() {
    assertThat(refusal("--set", "storee.type=x")).contains("at '': additional properties 'storee' not allowed");
    assertThat(refusal("--set", "store.typ=postgresql"))
        .contains("at '/store': additional properties 'typ' not allowed");
    assertThat(refusal("--set", "ingress.hosts[0].paths[0].path=/",
        "--set", "ingress.hosts[0].paths[0].pathtype=Exact"))
        .contains("at '/ingress/hosts/0/paths/0': additional properties 'pathtype' not allowed");
    assertThat(refusal("--set", "networkPolicy.from[0].namespaceSelecter.matchLabels.team=a"))
        .contains("at '/networkPolicy/from/0': additional properties 'namespaceSelecter' not allowed");
  }

  @Test
  void refusesAValueNotAmongItsChoicesListingThem() {
    assertThat(refusal("--set", "store.type=mysql"))
        .contains("at '/store/type': value must be one of 'embedded', 'postgresql'");
    assertThat(refusal("--set", "image.pullPolicy=always"))
        .contains("at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'");
    assertThat(refusal("--set", "service.type=ExternalName")).contains("at '/service/type': value must be one of");
    assertThat(refusal("--set", "persistence.accessModes[0]=ReadWrite")).contains("at '/persistence/accessModes/0'");
    assertThat(refusal("--set-string", "podDisruptionBudget.minAvailable=150%"))
        .contains("at '/podDisruptionBudget/minAvailable'");
  }

  @Test
  void refusesNamesAndValuesTheApiServerWouldReject() {
    assertThat(refusal("--set", "auth.existingSecret=Pulse_Auth")).contains("at '/auth/existingSecret': 'Pulse_Auth'");
    assertThat(refusal("--set", "auth.adminTokenKey=admin token")).contains("at '/auth/adminTokenKey'");
    assertThat(refusal("--set", "persistence.size=ten")).contains("at '/persistence/size': 'ten'");
    assertThat(refusal("--set", "podAnnotations.sidecar\\.istio\\.io/inject=false"))
        .as("an annotation's value is a string: an unquoted false is refused by the API server")
        .contains("at '/podAnnotations/sidecar.istio.io~1inject': got boolean, want string");
    assertThat(refusal("--set", "podLabels.team=payments and billing")).contains("at '/podLabels/team'");
    assertThat(refusal("--set", "ingress.enabled=true", "--set", "ingress.hosts[0].host=Pulse.Example.com"))
        .contains("at '/ingress/hosts/0/host'");
    assertThat(refusal("--set", "ingress.enabled=true", "--set", "ingress.hosts[0].paths[0].path=pulse"))
        .contains("at '/ingress/hosts/0/paths/0/path': 'pulse' does not match pattern '^/'");
    assertThat(refusal("--set", "auth.adminToken=1234567890123456"))
        .as("a token of digits given with --set is a number, which broke the render: --set-string keeps it text")
        .contains("at '/auth/adminToken': got number, want string");
  }

  @Test
  void keepsTheMapsOfTheUsersOwnKeysOpen() {
    Manifests rendered = render(
        "--set", "podAnnotations.example\\.com/owner=payments",
        "--set", "podLabels.team=payments",
        "--set", "nodeSelector.kubernetes\\.io/os=linux",
        "--set", "tolerations[0].key=dedicated", "--set", "tolerations[0].operator=Exists",
        "--set", "affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight=1",
        "--set", "affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference"
            + ".matchExpressions[0].key=zone",
        "--set", "affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference"
            + ".matchExpressions[0].operator=Exists",
        "--set", "extraEnv[0].name=PULSE_ROLLUP_REFRESH_SECONDS", "--set-string", "extraEnv[0].value=30",
        "--set", "resources.limits.cpu=2", "--set", "resources.requests.ephemeral-storage=1Gi",
        "--set", "podSecurityContext.supplementalGroups[0]=2000",
        "--set", "securityContext.privileged=false",
        "--set", "persistence.annotations.backup\\.example\\.com/policy=nightly");
    PodSpec pod = rendered.one(Deployment.class).getSpec().getTemplate().getSpec();
    Container server = pod.getContainers().get(0);
    assertThat(rendered.one(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("example.com/owner", "payments");
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
    assertThat(pod.getAffinity().getNodeAffinity()).isNotNull();
    assertThat(pod.getSecurityContext().getSupplementalGroups()).containsExactly(2000L);
    assertThat(server.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("PULSE_ROLLUP_REFRESH_SECONDS"));
    assertThat(server.getResources().getRequests()).containsKey("ephemeral-storage");
  }

  @Test
  void acceptsTheGlobalValuesOfAnUmbrellaChartAndItsConditionSwitch() {
    // An umbrella chart hands its globals to every subchart, and commonly has `condition: pulse.enabled`.
    Manifests rendered = render("--set", "global.imageRegistry=registry.example.com",
        "--set", "global.telemetry.enabled=false", "--set", "enabled=true");
    assertThat(rendered.one(Deployment.class).getMetadata().getName()).isEqualTo("pulse");
  }
}
