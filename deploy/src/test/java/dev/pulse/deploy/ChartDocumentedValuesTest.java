package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The values the repository shows its users pass the chart's checks: every file of the chart's ci
 * directory, every helm command of docs/deploy.md, and the examples the guide and values.yaml give.
 */
class ChartDocumentedValuesTest extends ChartRendering {

  private static final Path REPOSITORY = Manifests.MODULE.getParent();

  /** A ci file meant to be layered on another (its header says so); alone it is an incomplete set. */
  private static final Map<String, String> LAYERED_ON =
      Map.of("plain-optional-values.yaml", "plain-manifests-values.yaml");

  /** A helm command on the chart, its continuation lines joined: what follows the chart's path. */
  private static final Pattern HELM_COMMAND =
      Pattern.compile("(?<!\\$ )helm (?:install|upgrade|template) \\S+ deploy/helm/pulse(?=[\\s`]|$)([^\\n`]*)");

  /** A console transcript of the guide: {@code $ helm template ...}, then what helm printed, up to the fence. */
  private static final Pattern TRANSCRIPT = Pattern.compile(
      "^\\$ (helm template \\S+ deploy/helm/pulse(?=\\s)([^\\n]*))\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);

  static List<String> ciValuesFiles() {
    try (Stream<Path> files = Files.list(CHART.resolve("ci"))) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith("-values.yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ciValuesFiles")
  void everyCiValuesFileRenders(String file) {
    List<String> args = new ArrayList<>();
    if (LAYERED_ON.containsKey(file)) {
      args.addAll(List.of("-f", values(LAYERED_ON.get(file))));
    }
    args.addAll(List.of("-f", values(file)));
    assertThat(render(args.toArray(String[]::new)).all(Deployment.class)).hasSize(1);
  }

  @Test
  void everyHelmCommandOfTheDeployGuideRenders() {
    String guide = Manifests.read(REPOSITORY.resolve("docs/deploy.md")).replaceAll("\\\\\\n\\s*", " ");
    Matcher command = HELM_COMMAND.matcher(guide);
    int found = 0;
    while (command.find()) {
      found++;
      List<String> args = templateArgs(command.group(1));
      Helm.Result result = helm.templateResult(CHART, "pulse", "pulse", args.toArray(String[]::new));
      assertThat(result.exitCode()).as("%s%nrenders, but helm said:%n%s", command.group(), result.stderr()).isZero();
      assertThat(Manifests.parse(result.stdout()).all(Deployment.class)).hasSize(1);
    }
    assertThat(found).as("helm commands found in docs/deploy.md").isGreaterThanOrEqualTo(5);
  }

  @Test
  void theGuidesExamplesOfRefusedValuesReadAsHelmPrintsThem() {
    Matcher transcript = TRANSCRIPT.matcher(Manifests.read(REPOSITORY.resolve("docs/deploy.md")));
    int found = 0;
    while (transcript.find()) {
      found++;
      String stderr = refusal(templateArgs(transcript.group(2)).toArray(String[]::new));
      assertThat(transcript.group(3).lines().map(String::strip).filter(line -> !line.isEmpty()))
          .as("what docs/deploy.md shows of `%s`", transcript.group(1))
          .allSatisfy(line -> assertThat(stderr).contains(line));
    }
    assertThat(found).as("console transcripts found in docs/deploy.md").isGreaterThanOrEqualTo(2);
  }

  @Test
  void theExamplesOfTheGuideAndOfValuesYamlRender() {
    // docs/deploy.md (an image loaded without a registry; a token rotated by helm upgrade) and the
    // e.g. of values.yaml's comments.
    render("--set", "image.repository=pulse", "--set", "image.tag=dev", "--set", "image.pullPolicy=Never");
    render("--set", "auth.adminToken=a-rotated-admin-token-0123", "--set", "auth.readToken=a-read-token-for-the-team");
    render("--set", "imagePullSecrets[0].name=regcred",
        "--set", "ingress.enabled=true", "--set", "ingress.annotations.cert-manager\\.io/cluster-issuer=letsencrypt",
        "--set", "ingress.tls[0].secretName=pulse-tls", "--set", "ingress.tls[0].hosts[0]=pulse.example.com",
        "--set", "metrics.prometheusRule.enabled=true",
        "--set", "metrics.prometheusRule.labels.release=kube-prometheus-stack");
    render("--set", "ingress.enabled=true", "--set", "ingress.hosts[0].host=pulse.example.com",
        "--set", "ingress.hosts[0].paths[0].path=/telemetry/query",
        "--set", "ingress.hosts[0].paths[0].pathType=Exact");
    render("-f", values("postgresql-values.yaml"), "--set-string", "podDisruptionBudget.minAvailable=50%",
        "--set", "store.postgresql.existingSecret=",
        "--set", "store.postgresql.url=postgresql://db:5432/pulse?connectTimeout=5");
  }

  /** The options of a documented command for {@code helm template}, values files found from the repository. */
  private static List<String> templateArgs(String options) {
    List<String> words = words(options.replaceAll("\\s#.*$", ""));
    List<String> args = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      switch (words.get(i)) {
        case "-n", "--namespace" -> i++;
        case "--create-namespace" -> { }
        case "-f", "--values" -> args.addAll(List.of("-f", REPOSITORY.resolve(words.get(++i)).toString()));
        case "--set", "--set-string" -> args.addAll(List.of(words.get(i), words.get(++i)));
        default -> fail("an option of a documented helm command this test does not know: " + words.get(i));
      }
    }
    return args;
  }

  /** Shell words: split at blanks, single and double quotes kept together and removed. */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    Matcher word = Pattern.compile("(?:'[^']*'|\"[^\"]*\"|[^\\s'\"])+").matcher(line);
    while (word.find()) {
      words.add(word.group().replaceAll("['\"]", ""));
    }
    return words;
  }
}
