package io.configservice;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

/** Structural rules of the production code (test classes are not imported). */
class ArchitectureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.configservice");
    }

    @Test
    void importsTheProductionClasses() {
        // guards the rules below against passing vacuously on an empty import
        assertNotEmpty(classes.that(annotatedWith(RestController.class)), "controllers");
        assertNotEmpty(classes.that(annotatedWith(Service.class)), "services");
        assertNotEmpty(classes.that(assignableTo(org.springframework.data.repository.Repository.class)),
                "repositories");
    }

    @Test
    void controllersServicesAndRepositoriesAreLayered() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Controller").definedBy(annotatedWith(RestController.class))
                .layer("Service").definedBy(annotatedWith(Service.class))
                .layer("Repository").definedBy(describe("are Spring Data repositories or @Repository classes",
                        (JavaClass c) -> c.isAssignableTo(org.springframework.data.repository.Repository.class)
                                || c.isAnnotatedWith(org.springframework.stereotype.Repository.class)))
                .whereLayer("Controller").mayNotBeAccessedByAnyLayer()
                .whereLayer("Service").mayOnlyBeAccessedByLayers("Controller", "Service")
                .whereLayer("Repository").mayOnlyBeAccessedByLayers("Service")
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
    void nothingDependsOnTheFrameworkReplacementsOfTheHotPath() {
        noClasses().that().resideOutsideOfPackage("io.configservice.hotpath..")
                .should().dependOnClassesThat().resideInAPackage("io.configservice.hotpath..")
                .check(classes);
    }

    private static void assertNotEmpty(java.util.Collection<JavaClass> found, String what) {
        org.assertj.core.api.Assertions.assertThat(found).as(what).isNotEmpty();
    }
}
