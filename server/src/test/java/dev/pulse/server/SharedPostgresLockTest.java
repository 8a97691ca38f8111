package dev.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Test classes run two at a time; those on the run's one embedded PostgreSQL take turns
 * ({@link EmbeddedPostgresServer#LOCK}). Every test class that reaches it, directly or through a
 * fixture, holds that lock: one that did not would see another class's transactions hold back its
 * rollups, and fail now and then.
 */
class SharedPostgresLockTest {

  @Test
  void everyTestClassThatReachesTheSharedPostgresHoldsItsLock() throws Exception {
    JavaClasses tests = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
        .importPackages("dev.pulse.server");
    List<String> missing = new ArrayList<>();
    int reaching = 0;
    for (JavaClass test : tests) {
      if (test.isTopLevelClass() && test.getSimpleName().endsWith("Test") && !test.isEquivalentTo(SharedPostgresLockTest.class)
          && reaches(test, tests)) {
        reaching++;
        if (!holdsLock(Class.forName(test.getName()))) {
          missing.add(test.getSimpleName());
        }
      }
    }
    assertThat(reaching).as("test classes on the shared PostgreSQL").isPositive();
    assertThat(missing).as("add @ResourceLock(EmbeddedPostgresServer.LOCK) to these").isEmpty();
  }

  /** Whether the class, its nested classes or the test helpers they use reach the shared server. */
  private static boolean reaches(JavaClass test, JavaClasses tests) {
    String target = EmbeddedPostgresServer.class.getName();
    Deque<JavaClass> next = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    for (JavaClass own : tests) {
      if (own.getName().equals(test.getName()) || own.getName().startsWith(test.getName() + "$")) {
        next.add(own);
        seen.add(own.getName());
      }
    }
    while (!next.isEmpty()) {
      for (Dependency dependency : next.pop().getDirectDependenciesFromSelf()) {
        String name = dependency.getTargetClass().getName();
        if (name.equals(target)) {
          return true;
        }
        if (tests.contain(name) && seen.add(name)) {
          next.add(tests.get(name));
        }
      }
    }
    return false;
  }

  private static boolean holdsLock(Class<?> test) {
    return Arrays.stream(test.getAnnotationsByType(ResourceLock.class))
        .anyMatch(lock -> lock.value().equals(EmbeddedPostgresServer.LOCK));
  }
}
