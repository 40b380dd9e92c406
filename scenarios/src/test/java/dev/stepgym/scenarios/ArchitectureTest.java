package dev.stepgym.scenarios;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps DESIGN.md §1 true: dependencies between modules point one way. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.stepgym");
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void everyModuleIsPresent() {
        for (String module : new String[]{"protocol", "envs", "agents", "scenarios"}) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.stepgym." + module)),
                    "no classes imported from module " + module);
        }
    }

    @Test
    void protocolDependsOnNoOtherModuleNorHeavyLibrary() {
        check(noClasses().that().resideInAPackage("dev.stepgym.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.stepgym.sandbox..", "dev.stepgym.rewards..", "dev.stepgym.envs..",
                        "dev.stepgym.agents..", "dev.stepgym.scenarios..",
                        "com.microsoft.playwright..", "org.eclipse.lsp4j..", "org.eclipse.jgit..", "ai.djl.."));
    }

    @Test
    void sandboxDependsOnlyOnProtocol() {
        check(noClasses().that().resideInAPackage("dev.stepgym.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.stepgym.rewards..", "dev.stepgym.envs..", "dev.stepgym.agents..", "dev.stepgym.scenarios.."));
    }

    @Test
    void rewardsDependOnlyOnProtocol() {
        check(noClasses().that().resideInAPackage("dev.stepgym.rewards..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.stepgym.sandbox..", "dev.stepgym.envs..", "dev.stepgym.agents..", "dev.stepgym.scenarios..",
                        "com.microsoft.playwright..", "org.eclipse.lsp4j.."));
    }

    @Test
    void agentsSeeOnlyTheProtocol() {
        check(noClasses().that().resideInAPackage("dev.stepgym.agents..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.stepgym.sandbox..", "dev.stepgym.rewards..", "dev.stepgym.envs..", "dev.stepgym.scenarios.."));
    }

    @Test
    void envsDoNotReachScenariosOrAgents() {
        check(noClasses().that().resideInAPackage("dev.stepgym.envs..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stepgym.scenarios..", "dev.stepgym.agents.."));
    }

    @Test
    void environmentsAreIndependentOfEachOther() {
        for (String family : new String[]{"shop", "searchqa", "gui", "code"}) {
            check(noClasses().that().resideInAPackage("dev.stepgym.envs." + family + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherFamilies(family))
                    .allowEmptyShould(true));
        }
    }

    private static String[] otherFamilies(String family) {
        return java.util.stream.Stream.of("shop", "searchqa", "gui", "code")
                .filter(f -> !f.equals(family)).map(f -> "dev.stepgym.envs." + f + "..").toArray(String[]::new);
    }
}
