package dev.pulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> COMMANDS = List.of("serve", "status", "send-test", "export", "import", "query");
  private static final List<String> ANALYSES = List.of("active-installs", "new-installs", "versions", "cli", "errors");

  @Test
  void theOnlyKnownWordAGivenOneBeginsIsMeant() {
    assertThat(Suggestions.meant("serv", COMMANDS)).contains("serve");
    assertThat(Suggestions.meant("active", ANALYSES)).contains("active-installs");
    assertThat(Suggestions.meant("st", COMMANDS)).contains("status");
  }

  @Test
  void aBeginningSharedByManyWordsFallsBackToTheNearestWithinReach() {
    assertThat(Suggestions.meant("s", COMMANDS)).isEmpty();
    assertThat(Suggestions.meant("se", COMMANDS)).isEmpty();
  }

  @Test
  void aSlipOfOneOrTwoEditsIsMeantSwappedNeighboursCountingOnce() {
    assertThat(Suggestions.meant("exprt", COMMANDS)).contains("export");
    assertThat(Suggestions.meant("--fromat", List.of("--from", "--format", "--to"))).contains("--format");
    assertThat(Suggestions.meant("versionz", ANALYSES)).contains("versions");
    assertThat(Suggestions.meant("activeinstalls", ANALYSES)).contains("active-installs");
    assertThat(Suggestions.meant("--tokn", List.of("--token", "--to"))).contains("--token");
  }

  @Test
  void aWordNearNoneGetsNoSuggestionRatherThanAWrongOne() {
    assertThat(Suggestions.meant("nope", ANALYSES)).isEmpty();
    assertThat(Suggestions.meant("popularity", ANALYSES)).isEmpty();
    assertThat(Suggestions.meant("xyz", COMMANDS)).isEmpty();
    assertThat(Suggestions.meant("-x", List.of("-o", "--output"))).as("one letter is a slip of any").isEmpty();
    assertThat(Suggestions.meant("qu", COMMANDS)).as("but it may begin one").contains("query");
  }

  @Test
  void aShortWordIsAllowedOneEditALongerOneTwo() {
    assertThat(Suggestions.meant("clo", ANALYSES)).contains("cli");
    assertThat(Suggestions.meant("cxx", ANALYSES)).isEmpty();
    assertThat(Suggestions.meant("versxons", ANALYSES)).contains("versions");
    assertThat(Suggestions.meant("vexsxons", ANALYSES)).contains("versions");
    assertThat(Suggestions.meant("vxxsxons", ANALYSES)).isEmpty();
  }

  @Test
  void aWordFarLongerThanAnyKnownOneIsComparedWithNone() {
    assertThat(Suggestions.meant("--" + "x".repeat(10_000_000), List.of("--token"))).isEmpty();
  }

  @Test
  void letterCaseIsNotAnEdit() {
    assertThat(Suggestions.meant("EXPORT", COMMANDS)).contains("export");
  }

  @Test
  void theQuestionIsAskedOnlyWhenAWordIsMeant() {
    assertThat(Suggestions.question("exprt", COMMANDS)).isEqualTo(" (did you mean export?)");
    assertThat(Suggestions.question("nope", COMMANDS)).isEmpty();
  }
}
