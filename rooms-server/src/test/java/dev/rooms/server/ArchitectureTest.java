package dev.rooms.server;

import java.util.concurrent.Executors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.rooms.server.system.JsonErrorWriter;
import dev.rooms.server.system.RedisConfiguration;
import io.lettuce.core.RedisClient;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpOutputMessage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The server's structure (STYLE.md, "Layout"), checked on the compiled main classes: feature packages without
 * cycles, the base and the domain free of the layers above them, and the few things done in exactly one place.
 */
class ArchitectureTest {

    private static final String SERVER = "dev.rooms.server";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SERVER);

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        slices().matching(SERVER + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void systemIsTheBaseAndDependsOnNoFeature() {
        noClasses().that().resideInAPackage(SERVER + ".system..")
                .should().dependOnClassesThat().resideInAnyPackage(features("auth", "live", "message", "operations",
                        "ratelimit", "room", "rtc", "user", "web"))
                .check(CLASSES);
    }

    @Test
    void domainPackagesDoNotDependOnTransportOrSecurity() {
        noClasses().that().resideInAnyPackage(features("user", "room", "message"))
                .should().dependOnClassesThat().resideInAnyPackage(features("auth", "live", "ratelimit", "operations", "web"))
                .check(CLASSES);
    }

    /** The live layer sits on top: others reach it only through Spring events and the interfaces they own. */
    @Test
    void nothingOutsideLiveDependsOnLive() {
        noClasses().that().resideOutsideOfPackage(SERVER + ".live..")
                .should().dependOnClassesThat().resideInAPackage(SERVER + ".live..")
                .check(CLASSES);
    }

    @Test
    void onlyAuthUsesTheJwtLibrary() {
        noClasses().that().resideOutsideOfPackage(SERVER + ".auth..")
                .should().dependOnClassesThat().resideInAPackage("io.jsonwebtoken..")
                .check(CLASSES);
    }

    /** One Lettuce client per process, shared by the broker, presence and the rate limits. */
    @Test
    void onlyRedisConfigurationCreatesARedisClient() {
        noClasses().that().doNotBelongToAnyOf(RedisConfiguration.class)
                .should().callMethodWhere(DescribedPredicate.describe("RedisClient.create(..)",
                        (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(RedisClient.class)
                                && call.getName().equals("create")))
                .check(CLASSES);
    }

    /**
     * Threads belong to the framework (STYLE.md, 20): {@code ThreadPoolTaskExecutor}/{@code ThreadPoolTaskScheduler}
     * beans, which stop and restart with the context.
     */
    @Test
    void noClassMakesItsOwnThreads() {
        noClasses().should().callMethodWhere(DescribedPredicate.describe("an Executors factory",
                        (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(Executors.class)))
                .orShould().callConstructorWhere(DescribedPredicate.describe("a Thread constructor",
                        (JavaConstructorCall call) -> call.getTargetOwner().isAssignableTo(Thread.class)))
                .check(CLASSES);
    }

    /**
     * Error bodies have one writer; everything else answers through Spring MVC's converters, except the unpaged
     * history, a success body streamed row by row so that a long history is never held in memory, and the kept
     * bodies of the plain list calls ({@code system.RenderedAnswers}).
     */
    @Test
    void onlyJsonErrorWriterWritesToAResponseBodyDirectly() {
        noClasses().that().doNotBelongToAnyOf(JsonErrorWriter.class)
                .should().callMethodWhere(DescribedPredicate.describe("a response's body stream",
                        (JavaMethodCall call) -> !isStreamedOrKeptSuccessBody(call)
                                && (call.getTargetOwner().isAssignableTo(ServletResponse.class)
                                && (call.getName().equals("getOutputStream") || call.getName().equals("getWriter")))
                                || (call.getTargetOwner().isAssignableTo(HttpOutputMessage.class)
                                && call.getName().equals("getBody"))))
                .check(CLASSES);
    }

    private static boolean isStreamedOrKeptSuccessBody(JavaMethodCall call) {
        return call.getOriginOwner().getFullName().equals(SERVER + ".message.MessageController")
                && call.getOrigin().getName().equals("listMessages")
                || call.getOriginOwner().getFullName().startsWith(SERVER + ".system.RenderedAnswers");
    }

    private static String[] features(String... names) {
        String[] packages = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            packages[i] = SERVER + "." + names[i] + "..";
        }
        return packages;
    }
}
