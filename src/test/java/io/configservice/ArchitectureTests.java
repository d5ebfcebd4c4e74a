package io.configservice;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import jakarta.persistence.Entity;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

/** Structural rules of the production code (test classes are not imported). */
class ArchitectureTests {

    private static final String SHARED_VERSION_STORE = "io.configservice.configuration.history";
    private static final String SHARED_VERSION_STORE_REASON =
            "a feature's persistence is reached through its "
                    + "services; the exception, configuration.history, holds the own-layer versions that configuration's "
                    + "writes store and configuration.effective resolves (one feature, several sub-packages)";

    private static final DescribedPredicate<JavaClass> REPOSITORIES =
            describe(
                    "are Spring Data repositories or @Repository classes",
                    c ->
                            c.isAssignableTo(org.springframework.data.repository.Repository.class)
                                    || c.isAnnotatedWith(
                                            org.springframework.stereotype.Repository.class));

    private static final String CONFIGURATION = "io.configservice.configuration";

    /**
     * One slice per package of the configuration feature: its root package (the HTTP edge and the
     * services) is a slice of its own, beside each sub-package with everything under it.
     */
    private static final SliceAssignment CONFIGURATION_PACKAGES =
            new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass c) {
                    String name = c.getPackageName();
                    if (name.equals(CONFIGURATION)) {
                        return SliceIdentifier.of("configuration");
                    }
                    if (name.startsWith(CONFIGURATION + ".")) {
                        return SliceIdentifier.of(
                                "configuration."
                                        + name.substring(CONFIGURATION.length() + 1)
                                                .split("\\.")[0]);
                    }
                    return SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                    return "the packages of configuration, its root package included";
                }
            };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.configservice");
    }

    @Test
    void importsTheProductionClasses() {
        // guards the rules below against passing vacuously on an empty import
        assertNotEmpty(classes.that(annotatedWith(RestController.class)), "controllers");
        assertNotEmpty(classes.that(annotatedWith(Service.class)), "services");
        assertNotEmpty(
                classes.that(assignableTo(org.springframework.data.repository.Repository.class)),
                "repositories");
    }

    @Test
    void controllersServicesAndRepositoriesAreLayered() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Controller")
                .definedBy(annotatedWith(RestController.class))
                .layer("Service")
                .definedBy(annotatedWith(Service.class))
                .layer("Repository")
                .definedBy(REPOSITORIES)
                .whereLayer("Controller")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Service")
                .mayOnlyBeAccessedByLayers("Controller", "Service")
                .whereLayer("Repository")
                .mayOnlyBeAccessedByLayers("Service")
                .check(classes);
    }

    @Test
    void noClassUsesFieldInjection() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching("io.configservice.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void configurationPackagesAreFreeOfCycles() {
        slices().assignedFrom(CONFIGURATION_PACKAGES).should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingDependsOnTheFrameworkReplacementsOfTheHotPath() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.configservice.hotpath..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.configservice.hotpath..")
                .check(classes);
    }

    @Test
    void controllersArePackagePrivate() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .notBePublic()
                .check(classes);
    }

    @Test
    void repositoriesArePackagePrivateExceptTheSharedVersionStore() {
        classes()
                .that(REPOSITORIES)
                .and()
                .resideOutsideOfPackage(SHARED_VERSION_STORE)
                .should()
                .notBePublic()
                .because(SHARED_VERSION_STORE_REASON)
                .check(classes);
    }

    @Test
    void entitiesArePackagePrivateExceptTheSharedVersionStore() {
        classes()
                .that()
                .areAnnotatedWith(Entity.class)
                .and()
                .resideOutsideOfPackage(SHARED_VERSION_STORE)
                .should()
                .notBePublic()
                .because(SHARED_VERSION_STORE_REASON)
                .check(classes);
    }

    @Test
    void repositoriesAreUsedOnlyInsideTheirFeature() {
        classes().that(REPOSITORIES).should(onlyBeAccessedFromTheirOwnFeature()).check(classes);
    }

    @Test
    void everyPackageIsNullMarked() {
        List<String> unmarked =
                classes.stream()
                        .map(JavaClass::getPackageName)
                        .distinct()
                        .filter(name -> !classes.getPackage(name).isAnnotatedWith(NullMarked.class))
                        .sorted()
                        .toList();
        org.assertj.core.api.Assertions.assertThat(unmarked)
                .as("packages without a @NullMarked package-info")
                .isEmpty();
    }

    @Test
    void documentCodeDoesNotSpeakHttpErrors() {
        noClasses()
                .that()
                .resideInAPackage("io.configservice.configuration.document..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.configservice.web..")
                .because(
                        "document helpers throw DocumentException; the API edge maps it to an error code")
                .check(classes);
    }

    @Test
    void schemaCodeDoesNotSpeakHttpErrors() {
        noClasses()
                .that()
                .resideInAPackage("io.configservice.configuration.schema..")
                .and()
                .areNotAnnotatedWith(Service.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.configservice.web..")
                .because(
                        "schema code throws ConfigurationSchemaException; the API edge maps it to an"
                                + " error code (only the schema service, which checks requests, may"
                                + " speak HTTP)")
                .check(classes);
    }

    /** The feature of a class: the package right under {@code io.configservice}. */
    private static String feature(JavaClass c) {
        String[] parts = c.getPackageName().split("\\.");
        return parts.length > 2 ? parts[2] : "";
    }

    private static ArchCondition<JavaClass> onlyBeAccessedFromTheirOwnFeature() {
        return new ArchCondition<>("only be accessed from their own feature") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                for (Dependency dependency : repository.getDirectDependenciesToSelf()) {
                    JavaClass origin = dependency.getOriginClass();
                    if (!feature(origin).equals(feature(repository))) {
                        events.add(
                                SimpleConditionEvent.violated(
                                        dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static void assertNotEmpty(Collection<JavaClass> found, String what) {
        org.assertj.core.api.Assertions.assertThat(found).as(what).isNotEmpty();
    }
}
