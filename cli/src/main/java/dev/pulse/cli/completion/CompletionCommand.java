package dev.pulse.cli.completion;

import dev.pulse.cli.failure.CliFailure;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pulse completion bash}: the shell completion script of every command and option. */
@Command(
    name = "completion",
    description = "Prints a bash completion script for pulse (zsh reads it after bashcompinit).",
    footerHeading = "%nExample:%n",
    footer = "  source <(pulse completion bash)   # or: java -jar pulse.jar completion bash")
public final class CompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", defaultValue = "bash", description = "bash (the default)")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash")) {
      throw CliFailure.usage("completion is generated for bash, not " + shell + (shell.equals("zsh")
          ? ": in zsh, run autoload bashcompinit && bashcompinit, then source <(pulse completion bash)"
          : ": run pulse completion bash"));
    }
    spec.commandLine().getOut().print(AutoComplete.bash("pulse", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
