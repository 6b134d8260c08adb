package io.orderlens.analytics.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.orderlens.analytics.Analytics;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The boundary of analytics-core, checked on its compiled classes: the API packages a host uses and the SPI package
 * a store or cache implements never reach into {@code internal}, except the facade {@link Analytics} and the
 * package-private classes beside it, which assemble the engine and expose none of it; and core never depends on a
 * driver.
 */
@AnalyzeClasses(packages = "io.orderlens.analytics", importOptions = ImportOption.DoNotIncludeTests.class)
class BoundaryTest {
    static final String INTERNAL = "io.orderlens.analytics.internal..";

    @ArchTest
    static final ArchRule apiAndSpiPackagesDoNotUseInternals = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.orderlens.analytics.model..",
                    "io.orderlens.analytics.query..",
                    "io.orderlens.analytics.calc..",
                    "io.orderlens.analytics.async..",
                    "io.orderlens.analytics.backfill..",
                    "io.orderlens.analytics.spi..",
                    "io.orderlens.analytics.experiment..",
                    "io.orderlens.analytics.flag..",
                    "io.orderlens.analytics.clv..",
                    "io.orderlens.analytics.cohort..",
                    "io.orderlens.analytics.memory..",
                    "io.orderlens.analytics.period..",
                    "io.orderlens.analytics.segment..",
                    "io.orderlens.analytics.report..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(INTERNAL)
            .because("a host and a store implementer see the API and the SPI only");

    @ArchTest
    static final ArchRule onlyTheFacadeAssemblesTheInternals = noClasses()
            .that()
            .resideInAPackage("io.orderlens.analytics")
            .and()
            .arePublic()
            .and()
            .doNotBelongToAnyOf(Analytics.class)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(INTERNAL)
            .because("the front door (Analytics and its package-private wiring) is the one place that wires the"
                    + " engine");

    @ArchTest
    static final ArchRule noPublicSignatureExposesAnInternalType = members()
            .that()
            .areDeclaredInClassesThat()
            .resideOutsideOfPackage(INTERNAL)
            .should(exposeNoInternalType())
            .because("an internal type in a public signature would make it API");

    @ArchTest
    static final ArchRule coreNeverDependsOnADriver = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.mongodb..", "org.bson..", "redis.clients..", "com.fasterxml.jackson..")
            .because("core needs slf4j-api only; drivers live in the adapter modules");

    /** Public and protected members of public types: no internal type among the types their signature involves. */
    static ArchCondition<JavaMember> exposeNoInternalType() {
        return new ArchCondition<>("expose no internal type in a public or protected signature") {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                boolean visible = member.getModifiers().contains(JavaModifier.PUBLIC)
                        || member.getModifiers().contains(JavaModifier.PROTECTED);
                if (!visible || !member.getOwner().getModifiers().contains(JavaModifier.PUBLIC)) {
                    return;
                }
                Set<JavaClass> involved = new LinkedHashSet<>();
                if (member instanceof JavaField field) {
                    involved.addAll(field.getAllInvolvedRawTypes());
                } else if (member instanceof JavaCodeUnit code) {
                    involved.addAll(code.getAllInvolvedRawTypes());
                    involved.addAll(code.getThrowsClause().getTypes());
                }
                for (JavaClass type : involved) {
                    if (type.getPackageName().startsWith("io.orderlens.analytics.internal")) {
                        events.add(SimpleConditionEvent.violated(
                                member, member.getFullName() + " exposes internal type " + type.getName()));
                    }
                }
            }
        };
    }
}
