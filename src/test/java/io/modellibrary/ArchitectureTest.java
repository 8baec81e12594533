package io.modellibrary;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The arrows between packages (docs/storage.md#layers; docs/decisions.md T2, X1): the storage engine ({@code versioning},
 * {@code blob}) serves both HTTP faces ({@code files}, {@code hub}) and knows nothing of
 * HTTP, of the servlet container or of any package above it. Its failures are its own
 * exceptions; the web layer's {@code @RestControllerAdvice} decides what a user is answered.
 * The application layer ({@code content}) is as free of HTTP as the engine; the faces call it
 * and the streaming plumbing ({@code transfer}), never each other. No package cycles.
 */
@AnalyzeClasses(packages = "io.modellibrary", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] ENGINE = {"io.modellibrary.versioning..", "io.modellibrary.blob.."};
    private static final String[] FACES = {"files", "hub", "web"};
    private static final String[] HTTP = {"org.springframework.http..", "org.springframework.web..", "jakarta.servlet.."};

    @ArchTest
    static final ArchRule engineKnowsNothingOfHttpOrTheWebLayer = noClasses()
            .that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(HTTP)
            .orShould().dependOnClassesThat().resideInAnyPackage("io.modellibrary.files..", "io.modellibrary.hub..",
                    "io.modellibrary.catalog..", "io.modellibrary.account..", "io.modellibrary.org..",
                    "io.modellibrary.security..", "io.modellibrary.demo..")
            .because("the engine serves both HTTP faces and is used by them, never the other way round");

    @ArchTest
    static final ArchRule engineThrowsNoExceptionThatCarriesAnHttpStatus = noClasses()
            .that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat(exceptionsThatCarryAnHttpStatus())
            .because("what a failure answers over HTTP (status, envelope) is decided by the web layer's exception handler");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.modellibrary.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule contentKnowsNothingOfHttpOrTheFaces = noClasses()
            .that().resideInAPackage("io.modellibrary.content..")
            .should().dependOnClassesThat().resideInAnyPackage(HTTP)
            .orShould().dependOnClassesThat().resideInAnyPackage("io.modellibrary.files..", "io.modellibrary.hub..",
                    "io.modellibrary.web..", "io.modellibrary.transfer..")
            .because("the application layer serves every HTTP face; the faces and the transfer plumbing call it");

    @ArchTest
    static final ArchRule contentThrowsNoExceptionThatCarriesAnHttpStatus = noClasses()
            .that().resideInAPackage("io.modellibrary.content..")
            .should().dependOnClassesThat(exceptionsThatCarryAnHttpStatus())
            .because("what a failure answers over HTTP is decided by the web layer's exception handlers");

    @ArchTest
    static final ArchRule facesAreIndependentOfEachOther = facesIndependent();

    /** No face ({@link #FACES}, existing yet or not) depends on another; each uses content and transfer alone. */
    private static ArchRule facesIndependent() {
        ArchRule rule = null;
        for (String face : FACES) {
            String[] others = Stream.of(FACES).filter(f -> !f.equals(face)).map(f -> "io.modellibrary." + f + "..")
                    .toArray(String[]::new);
            ArchRule one = noClasses().that().resideInAPackage("io.modellibrary." + face + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(true);
            rule = rule == null ? one : CompositeArchRule.of(rule).and(one);
        }
        return rule.because("the HTTP faces share the application layer, not each other's code");
    }

    /**
     * Exceptions whose class or a superclass uses an HTTP or servlet type, such as
     * {@code ApiException} and its subclasses with their {@code HttpStatus}: throwing,
     * catching or naming one ties the code to an HTTP answer.
     */
    private static DescribedPredicate<JavaClass> exceptionsThatCarryAnHttpStatus() {
        DescribedPredicate<JavaClass> http = JavaClass.Predicates.resideInAnyPackage(HTTP);
        return DescribedPredicate.describe("exceptions that carry an HTTP status (their class or a superclass uses HTTP types)",
                type -> type.isAssignableTo(Throwable.class)
                        && Stream.concat(Stream.of(type), type.getAllRawSuperclasses().stream())
                        .anyMatch(c -> c.getDirectDependenciesFromSelf().stream().anyMatch(d -> http.test(d.getTargetClass()))));
    }
}
