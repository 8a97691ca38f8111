package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile at the repository root, read as text (ContainerImageTest builds and runs it): the facts the
 * manifests rely on (uid 10001, port 8080, the data directory) and the jar the build actually makes.
 */
class DockerfileTest {

  private static final Path ROOT = Manifests.MODULE.getParent();
  private static final List<Instruction> INSTRUCTIONS = parse(Manifests.read(ROOT.resolve("Dockerfile")));

  record Instruction(int stage, String keyword, String arguments) {}

  @Test
  void buildsWithMavenAndRunsOnAJreBothReplaceable() {
    assertThat(all("ARG")).extracting(Instruction::arguments)
        .contains("BUILD_IMAGE=maven:3-eclipse-temurin-17", "BASE_IMAGE=eclipse-temurin:17-jre");
    assertThat(all("FROM")).extracting(Instruction::arguments).containsExactly("${BUILD_IMAGE} AS build",
        "${BASE_IMAGE} AS runtime-base", "${BASE_IMAGE} AS prebuilt-split", "runtime-base AS prebuilt",
        "runtime-base AS runtime");
    assertThat(inStage(0, "RUN")).anySatisfy(run -> assertThat(run.arguments())
        .contains("mvn -B -DskipTests -pl cli -am package").contains("cli/target/pulse.jar"));
    for (int stage = 1; stage < 5; stage++) {
      assertThat(inStage(stage, "RUN")).noneSatisfy(run -> assertThat(run.arguments()).contains("mvn"));
    }
  }

  @Test
  void imageJarKeepsOnlyTheTargetPlatformsDuckdbLibrary() {
    assertThat(inStage(0, "RUN")).anySatisfy(run ->
        assertThat(run.arguments()).contains("-Dduckdb.platform=linux_${TARGETARCH"));
    // cli/pom.xml's profile behind that property keeps one native library out of four.
    assertThat(Manifests.read(ROOT.resolve("cli/pom.xml")))
        .contains("<name>duckdb.platform</name>")
        .contains("<include>libduckdb_java.so_${duckdb.platform}</include>");
  }

  @Test
  void copiesTheShadedCliJarTheBuildProducesOrAPrebuiltOne() {
    assertThat(inStage(4, "COPY")).extracting(Instruction::arguments)
        .allSatisfy(copy -> assertThat(copy).startsWith("--from=build"))
        .anySatisfy(copy -> assertThat(copy).endsWith(" /pulse.jar /app/pulse.jar"));
    assertThat(inStage(2, "COPY")).singleElement().satisfies(copy ->
        assertThat(copy.arguments()).isEqualTo("pulse.jar /pulse-built.jar"));
    assertThat(inStage(3, "COPY")).extracting(Instruction::arguments)
        .allSatisfy(copy -> assertThat(copy).startsWith("--from=prebuilt-split"))
        .anySatisfy(copy -> assertThat(copy).endsWith(" /pulse.jar /app/pulse.jar"));
    // cli/pom.xml names the shaded jar; if it changes, the image would copy nothing.
    assertThat(Manifests.read(ROOT.resolve("cli/pom.xml"))).contains("<finalName>pulse</finalName>");
  }

  @Test
  void bothTargetsShipDuckDbsLibraryWhereJavaLooksAndAJarWithoutIt() {
    // The driver copies the library from its jar into /tmp at every start unless the jar holds none.
    String split = "java -cp %s dev.pulse.cli.packaging.DuckDbLibrarySplit %s /pulse.jar /lib";
    assertThat(inStage(0, "RUN")).anySatisfy(run -> assertThat(run.arguments())
        .contains(split.formatted("cli/target/pulse.jar", "cli/target/pulse.jar")));
    assertThat(inStage(2, "RUN")).singleElement().satisfies(run -> assertThat(run.arguments())
        .isEqualTo(split.formatted("/pulse-built.jar", "/pulse-built.jar")));
    assertThat(ROOT.resolve("cli/src/main/java/dev/pulse/cli/packaging/DuckDbLibrarySplit.java")).isRegularFile();
    // The JDK's own directory for extra native libraries, first on java.library.path of every Linux JDK.
    for (int stage : new int[] {3, 4}) {
      assertThat(inStage(stage, "COPY")).extracting(Instruction::arguments).anySatisfy(copy ->
          assertThat(copy).endsWith(" /lib/libduckdb_java.so /usr/java/packages/lib/").contains("--chmod=0644"));
    }
  }

  @Test
  void runsAsTheNonRootUserTheManifestsExpect() {
    List<Instruction> users = all("USER");
    assertThat(users).isNotEmpty();
    Instruction last = users.get(users.size() - 1);
    assertThat(last.stage()).isEqualTo(1);
    assertThat(last.arguments()).isEqualTo("10001:10001");
    assertThat(inStage(1, "RUN")).anySatisfy(run -> assertThat(run.arguments()).contains("--uid 10001"));
  }

  @Test
  void exposesPort8080AndKeepsTheDataDirectoryOnAVolume() {
    assertThat(inStage(1, "EXPOSE")).extracting(Instruction::arguments).containsExactly("8080");
    assertThat(inStage(1, "VOLUME")).extracting(Instruction::arguments).containsExactly("/var/lib/pulse");
    assertThat(inStage(1, "ENV")).anySatisfy(env ->
        assertThat(env.arguments()).contains("PULSE_DATA_DIR=/var/lib/pulse"));
  }

  @Test
  void entrypointRunsTheJarThroughThePulseLauncherAndDefaultsToServe() {
    assertThat(inStage(1, "ENTRYPOINT")).extracting(Instruction::arguments).containsExactly("[\"pulse\"]");
    assertThat(inStage(1, "RUN")).anySatisfy(run -> assertThat(run.arguments())
        .contains("/usr/local/bin/pulse").contains("exec java $JAVA_OPTS -jar /app/pulse.jar \"$@\""));
    assertThat(inStage(1, "ENV")).anySatisfy(env -> assertThat(env.arguments())
        .contains("JAVA_OPTS=").doesNotContain("JAVA_TOOL_OPTIONS"));
    assertThat(inStage(1, "CMD")).extracting(Instruction::arguments).containsExactly("[\"serve\"]");
    assertThat(inStage(1, "HEALTHCHECK")).singleElement()
        .satisfies(check -> assertThat(check.arguments()).contains("/healthz"));
  }

  @Test
  void dockerignoreKeepsTheSourcesOfEveryModule() {
    List<String> ignored = Manifests.read(ROOT.resolve(".dockerignore")).lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
    assertThat(ignored).contains(".git", "**/target/");
    Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Manifests.read(ROOT.resolve("pom.xml")));
    while (modules.find()) {
      String module = modules.group(1);
      assertThat(ignored).as("module %s must reach the build stage", module)
          .doesNotContain(module, module + "/", "/" + module, module + "/src", module + "/pom.xml");
    }
    assertThat(ignored).doesNotContain("pom.xml", "*.xml", "**/src");
  }

  private static List<Instruction> all(String keyword) {
    return INSTRUCTIONS.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  private static List<Instruction> inStage(int stage, String keyword) {
    return all(keyword).stream().filter(i -> i.stage() == stage).toList();
  }

  /** Instructions with their stage index; joins continuation lines and drops comments. */
  private static List<Instruction> parse(String dockerfile) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int stage = -1;
    for (String line : dockerfile.lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      boolean continues = trimmed.endsWith("\\");
      current.append(continues ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed).append(' ');
      if (continues) {
        continue;
      }
      String text = current.toString().strip();
      current.setLength(0);
      int space = text.indexOf(' ');
      String keyword = text.substring(0, space).toUpperCase();
      if (keyword.equals("FROM")) {
        stage++;
      }
      instructions.add(new Instruction(stage, keyword, text.substring(space + 1).strip()));
    }
    return instructions;
  }
}
