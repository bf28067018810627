package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.scenario.ScenarioResult;
import cn.panzhihua.scoring.scenario.ScenarioRunner;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which of a rulebook's own scenarios exercise each rule: the rules whose conclusions hold once a
 * scenario's evaluation settled. Worked out by running the scenarios once per rulebook version
 * (a rulebook never changes; a reload is a new version), on the first page that asks.
 */
@ApplicationScoped
public class RuleCoverage {

    /** A scenario as a rule's page names it: its file and its name. */
    public record Scenario(String file, String name) {
    }

    private final ConcurrentMap<String, CompletableFuture<Map<String, List<Scenario>>>> byVersion = new ConcurrentHashMap<>();
    private final ScenarioRunner runner = new ScenarioRunner();

    /** Rule name → the scenarios that exercise it; a rule no scenario exercises is absent. */
    public Map<String, List<Scenario>> scenariosByRule(Rulebook rulebook) {
        // Only the versions asked about recently are kept: at most one per year serving.
        if (byVersion.size() > 8) {
            byVersion.clear();
        }
        CompletableFuture<Map<String, List<Scenario>>> mine = new CompletableFuture<>();
        CompletableFuture<Map<String, List<Scenario>>> running = byVersion.putIfAbsent(rulebook.version(), mine);
        if (running != null) {
            return running.join();
        }
        // Run on the asking thread (the scenario runner takes its class loader from it); others asking meanwhile wait for it.
        try {
            mine.complete(compute(rulebook));
        } catch (RuntimeException e) {
            byVersion.remove(rulebook.version(), mine);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    private Map<String, List<Scenario>> compute(Rulebook rulebook) {
        Map<String, List<Scenario>> byRule = new TreeMap<>();
        for (ScenarioResult result : runner.runAll(rulebook)) {
            for (String rule : result.firedRules()) {
                byRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(new Scenario(result.file(), result.name()));
            }
        }
        byRule.replaceAll((rule, list) -> List.copyOf(list));
        return Map.copyOf(byRule);
    }
}
