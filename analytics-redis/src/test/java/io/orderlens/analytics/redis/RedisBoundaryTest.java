package io.orderlens.analytics.redis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The Redis cache is built on core's API and SPI only: it never calls into core's internals. */
@AnalyzeClasses(packages = "io.orderlens.analytics.redis", importOptions = ImportOption.DoNotIncludeTests.class)
class RedisBoundaryTest {
    @ArchTest
    static final ArchRule theCacheUsesNoCoreInternals = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.orderlens.analytics.internal..")
            .because("a cache implements the cache SPI and sees query results, nothing of the engine");
}
