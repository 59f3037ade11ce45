package org.vecino.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code core} models the city's services in plain Java: no web, MQTT, SQL or JSON types (only
 * libphonenumber besides the JDK).
 */
class CoreBoundariesTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.vecino.core");

  @Test
  void coreDependsOnTheJdkAndItselfOnly() {
    // libphonenumber is plain Java (phone numbers are part of the reminders' domain).
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.vecino.core..", "com.google.i18n.phonenumbers..")
        .check(CORE);
  }

  @Test
  void coreUsesNoSqlAndNoNetworking() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..", "java.net.http..")
        .check(CORE);
  }

  @Test
  void theSharedKernelDependsOnNoDomain() {
    noClasses()
        .that()
        .resideInAPackage("org.vecino.core.kernel..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.vecino.core.transit..")
        .check(CORE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"transit", "parking", "reminders", "office"})
  void eachDomainDependsOnlyOnTheKernelAndItself(String domain) {
    // A type two domains share belongs in the kernel.
    classes()
        .that()
        .resideInAPackage("org.vecino.core." + domain + "..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.vecino.core.kernel..",
            "org.vecino.core." + domain + "..",
            "com.google.i18n.phonenumbers..")
        .check(CORE);
  }
}
