package dev.pulse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import dev.pulse.schema.CliCommand;

class CommandPathTest {

  private static final Set<String> WORDS =
      Set.of("mapper", "export", "env", "update", "add-labels", "clusters", "get", "intents", "list", "a", "b", "c", "d");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "otterize mapper export | mapper | export | ''",
    "otterize env update add-labels | env | update | add-labels",
    "otterize clusters get --id 7 | clusters | get | ''",
    "otterize env update add-labels --name secret | env | update | add-labels",
    "otterize  intents   list | intents | list | ''",
    "otterize a b c d | a | b | c d"
  })
  void reportsNounVerbAndModifiersThatAreDeclaredCommandWords(String path, String noun, String verb, String modifiers) {
    List<String> expected = modifiers.isBlank() ? List.of() : List.of(modifiers.split(" "));

    assertThat(CommandPath.parse(path, WORDS)).contains(new CliCommand(noun, verb, expected));
    assertThat(CommandPath.parse(path)).as("undeclared: noun and verb alone").contains(new CliCommand(noun, verb, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "otterize clusters get acme-prod | clusters | get",
    "mytool users show jane | users | show",
    "otterize env update add-labels | env | update",
  })
  void withoutDeclaredCommandWordsNoModifierIsReported(String path, String noun, String verb) {
    assertThat(CommandPath.parse(path)).contains(new CliCommand(noun, verb, List.of()));
    assertThat(CommandPath.parse(List.of(path.split(" ")))).contains(new CliCommand(noun, verb, List.of()));
  }

  @Test
  void withDeclaredCommandWordsAnUndeclaredWordEndsTheCommand() {
    Set<String> words = Set.of("clusters", "get", "users", "show", "env", "update", "add-labels");

    assertThat(CommandPath.parse("otterize clusters get acme-prod", words)).contains(new CliCommand("clusters", "get", List.of()));
    assertThat(CommandPath.parse("mytool users show jane", words)).contains(new CliCommand("users", "show", List.of()));
    assertThat(CommandPath.parse("otterize env update add-labels", words))
        .contains(new CliCommand("env", "update", List.of("add-labels")));
    assertThat(CommandPath.parse("otterize open jane", words)).as("an undeclared verb: not reported").isEmpty();
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"otterize", "otterize version", "'otterize --help'", "''", "'otterize mapper --all'"})
  void doesNotReportFewerThanTwoWordsAfterTheProgram(String path) {
    assertThat(CommandPath.parse(path)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "otterize clusters get cl-4f2a91 | clusters | get | ''",
    "otterize users invite jane@acme.com | users | invite | ''",
    "otterize intents apply /home/jane/intents.yaml | intents | apply | ''",
    "otterize env update add-labels Team=Payments | env | update | ''",
    "otterize mapper export 10.0.0.7 | mapper | export | ''",
    "otterize clusters get c0ffee12-3456-4abc-9def-0123456789ab | clusters | get | ''",
    "otterize clusters get https://api.acme.io/x | clusters | get | ''",
    "/usr/local/bin/Otterize.exe k8s apply-v2 v1beta1 | k8s | apply-v2 | ''",
  })
  void anArgumentGivenByMistakeIsNeverReported(String path, String noun, String verb, String modifiers) {
    List<String> expected = modifiers.isBlank() ? List.of() : List.of(modifiers.split(" "));

    assertThat(CommandPath.parse(path)).contains(new CliCommand(noun, verb, expected));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"'otterize jane@acme.com get'", "'otterize clusters CL-9'"})
  void aNounOrVerbThatIsNoCommandNameIsNotReported(String path) {
    assertThat(CommandPath.parse(path)).isEmpty();
  }

  @Test
  void acceptsSplitWordsAndNull() {
    assertThat(CommandPath.parse(List.of("pulse", "status", "show")))
        .contains(new CliCommand("status", "show", List.of()));
    assertThat(CommandPath.parse((String) null)).isEqualTo(Optional.empty());
  }

  @Test
  void aHugePathIsReadOnlyAsFarAsWhatCanBeReportedAllocatingLittle() {
    String huge = "x " + "y ".repeat(5_000_000);
    long before = allocatedByThisThread();

    Optional<CliCommand> command = CommandPath.parse(huge, Set.of("y"));

    long allocated = allocatedByThisThread() - before;
    assertThat(command).contains(new CliCommand("y", "y", java.util.Collections.nCopies(32, "y")));
    assertThat(allocated).as("not a string per word of the whole text").isLessThan(256 * 1024);
  }

  @Test
  void aWordRunningPastTheBoundIsNotRead() {
    assertThat(CommandPath.parse("otterize mapper export " + "a".repeat(CommandPath.MAX_SCAN)))
        .contains(new CliCommand("mapper", "export", List.of()));
    assertThat(CommandPath.parse("otterize" + " ".repeat(CommandPath.MAX_SCAN) + "mapper export")).isEmpty();
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
