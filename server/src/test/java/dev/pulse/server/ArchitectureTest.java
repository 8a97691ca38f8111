package dev.pulse.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The server's package rules (docs/architecture.md), checked on its compiled classes, tests excluded:
 * packages form no cycle, only the store adapters touch a database driver, and only the composition
 * root ({@link PulseServer}) chooses an adapter.
 */
@AnalyzeClasses(packages = "dev.pulse.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String DUCKDB_ADAPTER = "dev.pulse.server.store.duckdb..";
  private static final String POSTGRES_ADAPTER = "dev.pulse.server.store.postgres..";

  /** Every package of the server, the root included, is a slice of its own. */
  private static final SliceAssignment EVERY_PACKAGE =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String name = javaClass.getPackageName();
          if (name.equals(ROOT)) {
            return SliceIdentifier.of("(root)");
          }
          return name.startsWith(ROOT + ".")
              ? SliceIdentifier.of(name.substring(ROOT.length() + 1))
              : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "every package of the server";
        }
      };

  private static final String ROOT = "dev.pulse.server";

  @ArchTest
  static final ArchRule noCycleBetweenTheFeatureAndStorePackages =
      slices().matching("dev.pulse.server.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule noPackageCycleAtAllRootIncluded =
      slices().assignedFrom(EVERY_PACKAGE).should().beFreeOfCycles();

  @ArchTest
  static final ArchRule driversOnlyInsideTheStoreAdapters =
      noClasses()
          .that().resideOutsideOfPackages(DUCKDB_ADAPTER, POSTGRES_ADAPTER)
          .should().dependOnClassesThat()
          .resideInAnyPackage("org.duckdb..", "org.postgresql..", "com.zaxxer.hikari..", "org.flywaydb..")
          .because("a database driver is an adapter's technology, behind the EventStore port");

  @ArchTest
  static final ArchRule nativeCallsOnlyInsideTheThreadsPackage =
      noClasses()
          .that().resideOutsideOfPackage(ROOT + ".threads")
          .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
          .because("the one call into the C library (a thread's priority) belongs to threads/");

  @ArchTest
  static final ArchRule onlyTheCompositionRootChoosesAnAdapter =
      noClasses()
          .that().resideOutsideOfPackages(DUCKDB_ADAPTER, POSTGRES_ADAPTER)
          .and().doNotHaveFullyQualifiedName(PulseServer.class.getName())
          .should().dependOnClassesThat().resideInAnyPackage(DUCKDB_ADAPTER, POSTGRES_ADAPTER)
          .because("the core talks to the ports in store/; PulseServer picks the adapter by its StoreLocation");

  @ArchTest
  static final ArchRule theDuckDbAdapterDoesNotUseThePostgresOne =
      noClasses().that().resideInAPackage(DUCKDB_ADAPTER)
          .should().dependOnClassesThat().resideInAPackage(POSTGRES_ADAPTER);

  @ArchTest
  static final ArchRule thePostgresAdapterDoesNotUseTheDuckDbOne =
      noClasses().that().resideInAPackage(POSTGRES_ADAPTER)
          .should().dependOnClassesThat().resideInAPackage(DUCKDB_ADAPTER);
}
