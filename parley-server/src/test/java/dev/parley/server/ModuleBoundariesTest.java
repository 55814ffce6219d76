package dev.parley.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Services talk to each other only through the client contracts in common-lib ({@code dev.parley.<service>.client});
 * nothing of one service's own code is visible to another, so each can run as its own process.
 */
class ModuleBoundariesTest {

    private static final List<String> SERVICES =
            List.of("workspace", "channel", "messaging", "presence", "gateway", "search", "files", "notification", "connect");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parley");

    @Test
    void aServiceUsesAnotherServiceOnlyThroughItsClient() {
        for (String service : SERVICES) {
            for (String other : SERVICES) {
                if (service.equals(other)) {
                    continue;
                }
                noClasses().that().resideInAPackage("dev.parley." + service + "..")
                        .and().resideOutsideOfPackage("dev.parley." + service + ".client..")
                        .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                                "code of the " + other + " service other than its client",
                                c -> c.getPackageName().startsWith("dev.parley." + other)
                                        && !c.getPackageName().startsWith("dev.parley." + other + ".client")))
                        .check(classes);
            }
        }
    }

    @Test
    void sharedCodeKnowsServicesOnlyByTheirClients() {
        noClasses().that().resideInAPackage("dev.parley.common..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "service code other than client contracts",
                        c -> SERVICES.stream().anyMatch(s -> c.getPackageName().startsWith("dev.parley." + s)
                                && !c.getPackageName().startsWith("dev.parley." + s + ".client"))))
                .check(classes);
    }
}
