package dev.pulse.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordKindTest {

  @Test
  void eachKindIsNamedInUrlsAsTheApiDocumentsIt() {
    assertThat(RecordKind.fromPathName("events")).contains(RecordKind.EVENTS);
    assertThat(RecordKind.fromPathName("cli")).contains(RecordKind.CLI_COMMANDS);
    assertThat(RecordKind.fromPathName("errors")).contains(RecordKind.ERRORS);
    assertThat(RecordKind.fromPathName("Events")).as("a path is matched exactly").isEqualTo(Optional.empty());
    for (RecordKind kind : RecordKind.values()) {
      assertThat(RecordKind.fromPathName(kind.pathName())).contains(kind);
    }
  }

  @Test
  void parsingAnImportKindIgnoresCaseAndBlanksAndNamesTheAcceptedOnes() {
    assertThat(RecordKind.parse(" CLI ")).isEqualTo(RecordKind.CLI_COMMANDS);
    assertThatThrownBy(() -> RecordKind.parse("metrics"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kind must be events, cli or errors, not metrics");
    assertThatThrownBy(() -> RecordKind.parse(null)).hasMessageContaining("events, cli or errors");
    assertThat(RecordKind.find(" Errors")).contains(RecordKind.ERRORS);
    assertThat(RecordKind.find("metrics")).isEmpty();
  }

  @Test
  void aCountIsOneRecordOrManyWithItsDigitsGrouped() {
    assertThat(RecordKind.ERRORS.counted(1)).isEqualTo("1 error");
    assertThat(RecordKind.CLI_COMMANDS.counted(0)).isEqualTo("0 CLI commands");
    assertThat(RecordKind.EVENTS.counted(2_771)).isEqualTo("2,771 events");
  }
}
