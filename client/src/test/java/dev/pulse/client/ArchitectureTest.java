package dev.pulse.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The SDK's package rules, checked on its compiled classes, tests excluded: its packages form no
 * cycle, and it needs nothing at run time but the JDK and the wire model ({@code pulse-schema}), so
 * that it imposes no dependency on its host.
 */
@AnalyzeClasses(packages = "dev.pulse.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noCycleBetweenTheSdksPackages =
      slices().matching("dev.pulse.client.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule nothingButTheJdkAndTheWireModelAtRunTime =
      classes().that().resideInAPackage("dev.pulse.client..")
          .should().onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "javax..", "dev.pulse.client..", "dev.pulse.schema..");
}
