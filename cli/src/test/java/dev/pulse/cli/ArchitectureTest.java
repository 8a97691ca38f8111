package dev.pulse.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The cli's package rules (docs/architecture.md), checked on its compiled classes, tests excluded:
 * packages form no cycle, the root package (the entry point) is depended on by none, and the packages
 * the commands share depend on no command.
 */
@AnalyzeClasses(packages = "dev.pulse.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ROOT = "dev.pulse.cli";

  /** What the commands share: none of it may reach into a command's package. */
  private static final String[] SHARED = {
    ROOT + ".failure..", ROOT + ".version..", ROOT + ".settings..", ROOT + ".logging..", ROOT + ".store..",
    ROOT + ".access..", ROOT + ".output..", ROOT + ".packaging.."
  };

  /** The packages of the commands, one per command or family of commands. */
  private static final String[] COMMANDS = {
    ROOT + ".serve..", ROOT + ".export..", ROOT + ".imports..", ROOT + ".generate..", ROOT + ".backup..",
    ROOT + ".query..", ROOT + ".status..", ROOT + ".purge..", ROOT + ".completion.."
  };

  /** The root takes part in no cycle, for nothing depends on it (the rule after this one). */
  @ArchTest
  static final ArchRule noPackageCycle = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule nothingOutsideTheRootPackageDependsOnIt =
      noClasses()
          .that().resideInAPackage(ROOT + "..")
          .and().resideOutsideOfPackage(ROOT)
          .should().dependOnClassesThat().resideInAPackage(ROOT)
          .because("the root package is the entry point (PulseCommand lists the commands); a command finds"
              + " its settings through settings.CommandRoot");

  @ArchTest
  static final ArchRule theSharedPackagesDependOnNoCommand =
      noClasses()
          .that().resideInAnyPackage(SHARED)
          .should().dependOnClassesThat().resideInAnyPackage(COMMANDS)
          .because("what the commands share sits below them all");
}
