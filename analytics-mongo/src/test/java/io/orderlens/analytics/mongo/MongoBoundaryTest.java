package io.orderlens.analytics.mongo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The MongoDB store is built on core's API and SPI only: it never calls into core's internals. */
@AnalyzeClasses(packages = "io.orderlens.analytics.mongo", importOptions = ImportOption.DoNotIncludeTests.class)
class MongoBoundaryTest {
    @ArchTest
    static final ArchRule theStoreUsesNoCoreInternals = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.orderlens.analytics.internal..")
            .because("a store is handed each change's effect and the rankings; it computes neither");
}
