package dev.pulse.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The last pass over every error message: type names out, long values and messages cut. */
class ErrorMessagesTest {

  @Test
  void leavesOurOwnMessagesAsTheyAre() {
    String message =
        "the request's Content-Type is text/plain; charset=latin1 and more words to make it long;"
            + " send application/json (UTF-8), it's the only type";
    assertThat(ErrorMessages.sanitize(message)).isEqualTo(message);
  }

  @Test
  void leavesACommandInBackquotesInOurMessagesAsWritten() {
    String message = "no records of install nope: it is neither a contextId (as `pulse status` prints it)"
        + " nor a stored contextId; see `pulse.yaml`, `--dry-run` and `pulse`";
    assertThat(ErrorMessages.sanitize(message)).isEqualTo(message);
  }

  @Test
  void namesAQuotedJavaTypeWithOneArticle() {
    assertThat(ErrorMessages.sanitize("Expected a value that can be converted to type 'Int' but it was a 'Double'"))
        .isEqualTo("Expected a value that can be converted to type 'Int' but it was a number");
    assertThat(ErrorMessages.sanitize("but it was a 'String', then an 'Object', then 'Boolean'"))
        .isEqualTo("but it was a string, then an object, then true or false");
  }

  @Test
  void cutsAQuotedValueToItsFirst64Characters() {
    String value = "y".repeat(64) + "z".repeat(1000);
    assertThat(ErrorMessages.sanitize("No value found for name '" + value + "' in enum"))
        .isEqualTo("No value found for name '" + "y".repeat(64) + "…' in enum");
  }

  @Test
  void namesTypesInWordsNotJavaClasses() {
    assertThat(
            ErrorMessages.sanitize(
                "Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,java.lang.Object>`"
                    + " from Array value (token `JsonToken.START_ARRAY`)"))
        .isEqualTo("Cannot deserialize value of type an object from Array value (token a value)");
    assertThat(
            ErrorMessages.sanitize(
                "Variable 'x' has an invalid value: Expected type 'Map' but was 'String'. Variables"
                    + " for input objects must be an instance of type 'Map'."))
        .isEqualTo("Variable 'x' has an invalid value: Expected an object but was a string.");
  }

  @Test
  void cutsAnyMessageTo1000CharactersItsEllipsisIncluded() {
    assertThat(ErrorMessages.sanitize("word ".repeat(1000))).hasSize(1000).endsWith("…");
  }

  /** Ours name an operator's paths, then say what to do: the advice at the end must not be cut. */
  @Test
  void aMessageOfOursNamingLongPathsKeepsItsAdviceAtTheEnd() {
    String dir = "/srv/" + "telemetry-data-of-the-platform-team/".repeat(5);
    String message = "the data dir " + dir + " has 10 MiB free, the copy needs 20 MiB, and " + dir
        + " keeps 5 MiB free (--min-free-disk): free room on that disk, or stop the server and back up its data dir"
        + " to another disk with pulse backup --data-dir DIR -o FILE";

    assertThat(ErrorMessages.sanitize(message)).isEqualTo(message);
  }
}
