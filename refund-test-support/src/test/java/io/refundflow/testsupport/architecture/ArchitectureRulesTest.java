package io.refundflow.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.refundflow.testsupport.architecture.fixture.web.OutageAnswer;
import org.junit.jupiter.api.Test;

/** The shared rules catch what they are for, shown on the small fixture packages beside this test. */
class ArchitectureRulesTest {

    static final String FIXTURE = "io.refundflow.testsupport.architecture.fixture";
    static final String ROOT_CYCLE = "io.refundflow.testsupport.architecture.rootcycle";
    final JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void twoFeaturePackagesUsingEachOtherBreakTheCycleRule() {
        assertThatThrownBy(() -> ArchitectureRules.featurePackagesAreFreeOfCycles("testsupport.architecture.fixture")
                .check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected: feature left")
                .hasMessageContaining("feature right");
    }

    @Test
    void theRootPackageUsingAFeatureThatUsesItBackBreaksTheCycleRule() {
        JavaClasses rootCycle = new ClassFileImporter().importPackages(ROOT_CYCLE);

        assertThatThrownBy(() -> ArchitectureRules.featurePackagesAreFreeOfCycles("testsupport.architecture.rootcycle")
                .check(rootCycle))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected: ")
                .hasMessageContaining("root package " + ROOT_CYCLE)
                .hasMessageContaining("feature feature");
    }

    @Test
    void aControllerHoldingADataSourceBreaksTheWebRule() {
        assertThatThrownBy(() -> ArchitectureRules.webClassesUseNoJdbc().check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("QueryingController")
                .hasMessageNotContaining("OutageAnswer");
    }

    @Test
    void aWebClassRecognisingAJdbcExceptionKeepsTheWebRule() {
        JavaClasses outageOnly = new ClassFileImporter().importClasses(OutageAnswer.class);

        assertThatCode(() -> ArchitectureRules.webClassesUseNoJdbc().check(outageOnly)).doesNotThrowAnyException();
    }

    @Test
    void aSpringAnnotationInPlainCodeBreaksTheFrameworkFreeRule() {
        assertThatThrownBy(() -> ArchitectureRules.freeOfSpringJdbcAndKafka(FIXTURE + ".plain..").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ScheduledRule");
    }
}
