package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.cli.completion.CompletionCommand;
import dev.pulse.cli.query.QueryCommand;
import dev.pulse.cli.settings.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line that runs one command registers only that one ({@link Commands#needed}), and nothing
 * anyone reads tells it from the line with every command: the same help, the same version, the same
 * mistakes in the same words; anything that speaks of every command gets them all.
 */
class OneCommandAtATimeTest {

  @Test
  void aCommandAfterNothingButTheDebugAndConfigOptionsIsRegisteredAlone() {
    for (String[] args : List.of(new String[] {"query", "versions"}, new String[] {"--debug", "query"},
        new String[] {"--config", "pulse.properties", "query"}, new String[] {"--config=pulse.properties", "query"},
        new String[] {"--config", "query", "query", "--help"})) {
      assertThat(Commands.needed(args)).as(String.join(" ", args)).containsExactly(QueryCommand.class);
    }
  }

  @Test
  void whatSpeaksOfEveryCommandGetsThemAll() {
    for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-h", "query"},
        new String[] {"--version", "query"}, new String[] {"help", "query"}, new String[] {"completion", "bash"},
        new String[] {"qurey", "versions"}, new String[] {"--qurey", "query"}, new String[] {"--config", "f"})) {
      assertThat(Commands.needed(args)).as(String.join(" ", args)).isEqualTo(Commands.ALL);
    }
    assertThat(Commands.ALL).contains(CompletionCommand.class, CommandLine.HelpCommand.class);
  }

  @Test
  void everyCommandAloneSaysWhatItSaysAmongAllOfThem() {
    for (Class<?> type : Commands.ALL) {
      String name = Commands.nameOf(type);
      for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "--version"},
          new String[] {name, "--no-such-option"}, new String[] {"--debug", name, "--no-such-option", "x"})) {
        assertThat(printed(false, args)).as(String.join(" ", args)).isEqualTo(printed(true, args));
      }
    }
  }

  /** What {@code args} print, run on the line main builds for them, or on one with every command. */
  private static String printed(boolean everyCommand, String... args) {
    Settings settings = Settings.load(Map.of(), null);
    CommandLine line = PulseCommand.commandLine(settings, false, everyCommand ? new String[0] : args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    return code + "\n" + out + "\n" + err;
  }
}
