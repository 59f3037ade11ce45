package org.vecino.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Where each outside technology may be used in the server. */
class ServerBoundariesTest {
  private static final JavaClasses SERVER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.vecino.server");

  @Test
  void pahoAndMoquetteStayBehindOurMqttInterface() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.vecino.server.mqtt..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.eclipse.paho..", "io.moquette..")
        .check(SERVER);
  }

  @Test
  void sqlLivesInTheDatabaseLayerAndRepositoriesOnly() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.vecino.server.db..")
        .and()
        .haveSimpleNameNotEndingWith("Repository")
        .and()
        .haveSimpleNameNotEndingWith("Outbox") // the SMS outbox: a repository of messages
        .and()
        // The reminder service and webhook sender run their transactions, with the outbox in them.
        .haveNameNotMatching(
            "org\\.vecino\\.server\\.reminders\\.(ReminderService|SchedulerWebhook)(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..")
        .check(SERVER);
  }

  @Test
  void httpHandlersDoNotTouchTheDatabaseOrTheBroker() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Routes")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "org.vecino.server.db..", "org.vecino.server.mqtt..")
        .check(SERVER);
  }

  @Test
  void serverPackagesAreFreeOfCycles() {
    slices().matching("org.vecino.server.(*)..").should().beFreeOfCycles().check(SERVER);
  }

  @Test
  void ingestKnowsNoDomain() {
    // Domains register a DomainIngest with the pipeline; ingest never names a domain's types.
    noClasses()
        .that()
        .resideInAPackage("org.vecino.server.ingest..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.vecino.server.transit..",
            "org.vecino.server.parking..",
            "org.vecino.server.office..",
            "org.vecino.server.reminders..",
            "org.vecino.server.simulator..",
            "org.vecino.core.transit..",
            "org.vecino.core.parking..",
            "org.vecino.core.office..",
            "org.vecino.core.reminders..")
        .check(SERVER);
  }

  @Test
  void technicalHelpersKnowNoDomainAndNoOtherServerPackage() {
    // retry, crypto and text are small technical packages every layer may use: they depend on
    // nothing else of the server and on no domain.
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.vecino.server.retry..", "org.vecino.server.crypto..", "org.vecino.server.text..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.vecino.server.auth..",
            "org.vecino.server.config..",
            "org.vecino.server.db..",
            "org.vecino.server.http..",
            "org.vecino.server.ingest..",
            "org.vecino.server.kiosk..",
            "org.vecino.server.mqtt..",
            "org.vecino.server.sms..",
            "org.vecino.server.transit..",
            "org.vecino.server.parking..",
            "org.vecino.server.office..",
            "org.vecino.server.reminders..",
            "org.vecino.server.simulator..",
            "org.vecino.core..")
        .check(SERVER);
  }

  @Test
  void javalinStaysInTheHttpLayer() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.vecino.server.mqtt..", "org.vecino.server.db..", "org.vecino.server.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.javalin..")
        .check(SERVER);
  }

  @Test
  void routesCallServicesAndNeverHoldARepository() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Routes")
        .should()
        .dependOnClassesThat()
        .haveNameMatching(".*Repository(\\$.*)?")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "org.vecino.server.db..")
        .check(SERVER);
  }

  @Test
  void onlyTheHttpLayerWritesProblems() {
    // Everyone else throws the domain's exceptions; ErrorMapper decides the status and the body.
    noClasses()
        .that()
        .resideOutsideOfPackage("org.vecino.server.http..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.vecino.server.http.Problem")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.vecino.server.http.HttpProblemException")
        .check(SERVER);
  }

  @Test
  void onlyTheHttpLayerChoosesAnErrorStatus() {
    // Handlers answer 200/201/204 (and 304 through ETags); an error is an exception for the mapper.
    noClasses()
        .that()
        .resideOutsideOfPackage("org.vecino.server.http..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(io.javalin.http.HttpResponseException.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(io.javalin.http.HttpStatus.class)
        .check(SERVER);
  }

  @Test
  void servicesKnowNothingOfHttp() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Service")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.javalin..", "org.vecino.server.http..", "jakarta.servlet..")
        .check(SERVER);
  }
}
