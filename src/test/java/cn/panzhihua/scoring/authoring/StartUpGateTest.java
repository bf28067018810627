package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.rulebook.RulebookException;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.RulesDirectory;
import cn.panzhihua.scoring.security.ServiceKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** At start-up a year serves only after the gate a reload runs: a rulebook that fails any part of it stops the start. */
class StartUpGateTest {

    @TempDir
    Path temp;

    @BeforeEach
    void copyThe2016Rulebook() throws IOException {
        Path source = RulesDirectory.resolve("rules-drl").resolve("2016");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = temp.resolve("rules/2016").resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    @Test
    void aRulebookThatDoesNotCompileStopsTheStart() throws IOException {
        edit("efficiency/table.drl", s -> s.replace("then", "thenn"));
        RulebookException e = assertThrows(RulebookException.class, () -> deployer().deployAll());
        assertTrue(e.getMessage().contains("2016/efficiency/table.drl:"), e.getMessage());
    }

    @Test
    void aRulebookWhoseScenarioFailsStopsTheStartToo() throws IOException {
        // Before the gate, start-up compiled and served without running a single scenario.
        edit("disclosure/organisation.scenarios.json", s -> s.replaceFirst("\"disclosure.items\\[D-1\\]\": 7.5", "\"disclosure.items[D-1]\": 7"));
        RulebookException e = assertThrows(RulebookException.class, () -> deployer().deployAll());
        assertTrue(e.getMessage().contains("2016/disclosure/organisation.scenarios.json"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 7, actual 7.5"), e.getMessage());
    }

    @Test
    void aYearThatPassesServesWithWhatTheGateFound() {
        RulebookDeployer deployer = deployer();
        deployer.deployAll();
        Rulebooks.YearState state = deployer.rulebooks.state(2016).orElseThrow();
        assertEquals(RulebookDeployer.START_UP, state.servedBy());
        assertTrue(state.verification().scenariosRun() > 200);
        var d12 = state.serving().rules().stream().filter(r -> r.clause().equals("D-1.2")).findFirst().orElseThrow();
        assertFalse(state.verification().scenariosFor(d12).isEmpty(), "the scenarios that exercise D-1.2 are kept");
        assertTrue(state.verification().scenariosFor(d12).stream().allMatch(s -> s.file().startsWith("2016/")));
    }

    @Test
    void aRestartServesOnTheAuthenticatedVerdictOfTheSameFilesAndRunsTheGateForAnythingElse() throws IOException {
        ServiceKey key = ServiceKey.generate("test");
        RulebookDeployer first = cachingDeployer(key);
        first.deployAll();
        Rulebooks.YearState original = first.rulebooks.state(2016).orElseThrow();

        RulebookDeployer restarted = cachingDeployer(key);
        restarted.deployAll();
        Rulebooks.YearState again = restarted.rulebooks.state(2016).orElseThrow();
        assertEquals(original.verification().at(), again.verification().at(), "the same files: the verdict of the first start");
        assertEquals(original.verification().exercisedBy(), again.verification().exercisedBy());
        assertEquals(original.serving().version(), again.serving().version());

        // A verdict the service did not write (or changed) does not count: the gate runs again.
        try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
            for (Path verdict : files.filter(f -> f.toString().endsWith(".verdict")).toList()) {
                byte[] bytes = Files.readAllBytes(verdict);
                bytes[bytes.length - 2] ^= 1;
                Files.write(verdict, bytes);
            }
        }
        RulebookDeployer forged = cachingDeployer(key);
        forged.deployAll();
        assertTrue(forged.rulebooks.state(2016).orElseThrow().verification().at().isAfter(original.verification().at()));

        // An edited scenario is other files: the gate runs, and a failing scenario stops the start.
        edit("disclosure/organisation.scenarios.json", s -> s.replaceFirst("\"disclosure.items\\[D-1\\]\": 7.5", "\"disclosure.items[D-1]\": 7"));
        RulebookException e = assertThrows(RulebookException.class, () -> cachingDeployer(key).deployAll());
        assertTrue(e.getMessage().contains("expected 7, actual 7.5"), e.getMessage());
    }

    @Test
    void aCompiledPackageChangedOnDiskIsRejectedAtStartUpAndTheYearStillScoresRight() throws IOException {
        // Issue 10 §1, at the level of the service's start: "-2.5" → "-9.5" in D-1.2's class made D-1 score 0.5.
        ServiceKey key = ServiceKey.generate("test");
        cachingDeployer(key).deployAll();
        int changed = 0;
        try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".rules")).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("rubric.disclosure");
                if (at > 0) {
                    bytes[bytes.length - 10] ^= 0x20;
                    Files.write(file, bytes);
                    changed++;
                }
            }
        }
        assertTrue(changed > 0);
        RulebookDeployer restarted = cachingDeployer(key);
        restarted.deployAll();
        var rulebook = restarted.rulebooks.forYear(2016).orElseThrow();
        var request = new cn.panzhihua.scoring.evaluation.EvaluationRequest("市财政局", 2016,
                java.util.List.of(new cn.panzhihua.scoring.evaluation.EvaluationRequest.FindingInput("D-1.2", 1, false, null, null)),
                new cn.panzhihua.scoring.evaluation.EvaluationRequest.InformationInput(java.util.Collections.nCopies(12, 8), java.util.List.of()),
                null, null);
        var outcome = cn.panzhihua.scoring.evaluation.Evaluator.evaluate(cn.panzhihua.scoring.evaluation.RequestValidator.validate(request, rulebook));
        assertEquals(0, new java.math.BigDecimal("7.5").compareTo(outcome.itemScores().stream().filter(i -> i.code().equals("D-1"))
                .findFirst().orElseThrow().score()));
    }

    private RulebookDeployer cachingDeployer(ServiceKey key) {
        RulebookDeployer deployer = deployer();
        deployer.serviceKey = key;
        deployer.cacheEnabled = true;
        deployer.cacheDir = temp.resolve("cache");
        deployer.reuseVerdicts = true;
        return deployer;
    }

    private RulebookDeployer deployer() {
        RulebookDeployer deployer = new RulebookDeployer();
        deployer.rulebooks = Rulebooks.at(temp.resolve("rules").toString());
        deployer.serviceKey = ServiceKey.generate("test");
        deployer.cacheEnabled = false;
        // what rules.cache.max-* give a configured deployer (application.properties' defaults)
        deployer.cacheMaxPackages = 200;
        deployer.cacheMaxBytes = new io.quarkus.runtime.configuration.MemorySize(java.math.BigInteger.valueOf(64L * 1024 * 1024));
        return deployer;
    }

    private void edit(String file, UnaryOperator<String> change) throws IOException {
        Path path = temp.resolve("rules/2016").resolve(file);
        String before = Files.readString(path, StandardCharsets.UTF_8);
        String after = change.apply(before);
        assertFalse(before.equals(after), "the edit of " + file + " changed nothing");
        Files.writeString(path, after, StandardCharsets.UTF_8);
    }
}
