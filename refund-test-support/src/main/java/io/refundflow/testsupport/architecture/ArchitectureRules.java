package io.refundflow.testsupport.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;

/**
 * The architecture every module keeps, in one place: each module's {@code ArchitectureTest} applies these rules
 * to its own main classes (see CONTRIBUTING.md, "Package by feature"). A rule names the module's base package
 * by its last segment, the service name ({@code evaluator} for {@code io.refundflow.evaluator}).
 */
public final class ArchitectureRules {

    /** The services that run on their own; none may use another's code, only its events and its API. */
    public static final List<String> SERVICES = List.of("intake", "evaluator", "notifier", "dashboard", "identity",
            "portal");

    private static final String ROOT = "io.refundflow.";
    private static final String[] SPRING_JDBC_KAFKA = {
            "org.springframework..", "java.sql..", "javax.sql..", "org.apache.kafka.."};
    /** Data access, as opposed to recognising a JDBC exception (which a web class may, to answer 503). */
    private static final DescribedPredicate<JavaClass> JDBC_ACCESS = resideInAnyPackage(
            "org.springframework.jdbc.core..", "org.springframework.jdbc.object..", "javax.sql..")
            .or(resideInAPackage("java.sql..").and(not(assignableTo(Throwable.class))))
            .as("JDBC access (JdbcTemplate, DataSource, java.sql other than its exceptions)");

    private ArchitectureRules() {
    }

    /**
     * The feature packages of a module (the first package level under {@code io.refundflow.<module>}) and its
     * root package (the application, its settings and wiring) have no cycle between them: a feature may use a
     * lower one; two features that need each other are one feature, or talk through an interface or event owned
     * by one of them. The root package is a slice of its own, so wiring in the root that uses a feature which
     * reads the root's settings is a cycle too.
     */
    public static ArchRule featurePackagesAreFreeOfCycles(String module) {
        return slices().assignedFrom(featuresAndRootOf(ROOT + module)).namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a feature may use a lower one, never one that uses it back");
    }

    /** Slices "feature x" for {@code base.x..} and "root package base" for the classes of {@code base} itself. */
    private static SliceAssignment featuresAndRootOf(String base) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                if (pkg.equals(base)) {
                    return SliceIdentifier.of("root package " + base);
                }
                if (!pkg.startsWith(base + ".")) {
                    return SliceIdentifier.ignore();
                }
                String rest = pkg.substring(base.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of("feature " + (dot < 0 ? rest : rest.substring(0, dot)));
            }

            @Override
            public String getDescription() {
                return "the feature packages and the root package of " + base;
            }
        };
    }

    /** A service uses no other service's classes: services meet only through events on Kafka and HTTP APIs. */
    public static ArchRule noOtherServiceIsUsed(String service) {
        return noClasses().that().resideInAPackage(ROOT + service + "..")
                .should().dependOnClassesThat(resideInAnyPackage(servicePackagesExcept(service)))
                .because("services share only events (refund-events) and the platform, never code");
    }

    /**
     * A shared module below the services ({@code platform}, {@code events}) uses no service: the dependencies
     * point down only.
     */
    public static ArchRule noServiceIsUsedBy(String sharedModule) {
        return noClasses().that().resideInAPackage(ROOT + sharedModule + "..")
                .should().dependOnClassesThat(resideInAnyPackage(servicePackagesExcept(null)))
                .because(sharedModule + " lies below every service");
    }

    /**
     * The contracts ({@code io.refundflow.events}) stand alone: no Spring and no other refundflow package, so a
     * partner can use them without taking our run time.
     */
    public static ArchRule contractsStandAlone() {
        return noClasses().that().resideInAPackage(ROOT + "events..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .orShould().dependOnClassesThat(
                        resideInAPackage("io.refundflow..").and(not(resideInAPackage(ROOT + "events.."))))
                .because("the event contracts are shared with partners and must not drag in any run time");
    }

    /**
     * Plain-Java code (a domain such as the policy engine) stays free of Spring, JDBC and Kafka, so it can be
     * tested, dry-run and reasoned about on its own. {@code packageIdentifier} as in ArchUnit, e.g.
     * {@code "io.refundflow.evaluator.policy.."}.
     */
    public static ArchRule freeOfSpringJdbcAndKafka(String packageIdentifier) {
        return noClasses().that().resideInAPackage(packageIdentifier)
                .should().dependOnClassesThat().resideInAnyPackage(SPRING_JDBC_KAFKA)
                .because("the service wires this code in; it knows nothing of frameworks or storage");
    }

    /**
     * A service's {@code model} package (its aggregates and values: {@code io.refundflow.<module>.model}) is plain
     * Java, free of Spring, JDBC and Kafka: the features around it store, listen and answer HTTP; the model only
     * decides what a change means.
     */
    public static ArchRule modelIsFreeOfSpringJdbcAndKafka(String module) {
        return freeOfSpringJdbcAndKafka(ROOT + module + ".model..");
    }

    /**
     * A feature that mixes plain code with the beans that wire it keeps the plain part plain: its classes other
     * than Spring components (controllers, services) are free of Spring, JDBC and Kafka.
     */
    public static ArchRule plainClassesFreeOfSpringJdbcAndKafka(String packageIdentifier) {
        return noClasses().that().resideInAPackage(packageIdentifier)
                .and().areNotMetaAnnotatedWith("org.springframework.stereotype.Component")
                .should().dependOnClassesThat().resideInAnyPackage(SPRING_JDBC_KAFKA)
                .because("only the feature's beans know the framework; its rules can be run and tested alone");
    }

    /**
     * Web classes (controllers, controller advice, anything in a {@code web} package) access no database: they
     * map HTTP to a feature's service or repository and back. Recognising a JDBC exception is not access.
     */
    public static ArchRule webClassesUseNoJdbc() {
        return noClasses().that().areMetaAnnotatedWith("org.springframework.stereotype.Controller")
                .or().areMetaAnnotatedWith("org.springframework.web.bind.annotation.ControllerAdvice")
                .or().resideInAPackage("..web..")
                .should().dependOnClassesThat(JDBC_ACCESS)
                .because("storage belongs to the feature's repository, not to the HTTP mapping")
                .allowEmptyShould(true);
    }

    private static String[] servicePackagesExcept(String service) {
        return SERVICES.stream().filter(s -> !s.equals(service)).map(s -> ROOT + s + "..")
                .toArray(String[]::new);
    }
}
