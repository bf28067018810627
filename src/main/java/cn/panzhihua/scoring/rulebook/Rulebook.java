package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.Item;
import cn.panzhihua.scoring.facts.Line;
import cn.panzhihua.scoring.facts.Tier;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One year's compiled rulebook: the KieBase every evaluation of that year runs on, and the data
 * (units, categories, tables, items, clauses, channels, tiers) the rules and the API share.
 * Immutable: a reload builds a new one.
 *
 * @param version  what responses show: the year and the start of {@code sha256}
 * @param sha256   content hash over the rulebook's files (relative paths and bytes)
 * @param rules    every compiled rule with its metadata, in file order
 * @param source   the snapshot of files it was built from (its scenarios included)
 * @param packageKeys the compiled DRL packages it is made of (see {@link CompiledRulesCache})
 */
public record Rulebook(int year, String version, String sha256, String title, String document,
                       KieBase kieBase, Map<String, UnitRow> units, Map<String, Category> categories, List<Table> tables,
                       List<Item> items, Map<String, Clause> clauses, List<Line> lines, Map<String, Channel> channelTable,
                       List<Tier> tiers, List<RuleInfo> rules, RulebookSource source, Instant loadedAt, List<String> packageKeys,
                       Sessions sessions) {

    /**
     * Sessions for this rulebook's evaluations. A pooled session keeps the engine's memory
     * structures between evaluations (a fresh session builds them again each time); it is reset
     * when it goes back to the pool, so no fact outlives its evaluation.
     */
    public static final class Sessions {

        private final KieSessionsPool pool;
        /** package, then rule name: the trail looks a rule up on every derived fact, without building a key. */
        private final Map<String, Map<String, RuleInfo>> rulesByPackage;

        Sessions(KieBase kieBase, List<RuleInfo> rules) {
            this.pool = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors() * 2);
            Map<String, Map<String, RuleInfo>> byPackage = new java.util.HashMap<>();
            rules.forEach(r -> byPackage.computeIfAbsent(r.packageName(), p -> new java.util.HashMap<>()).put(r.name(), r));
            this.rulesByPackage = Map.copyOf(byPackage);
        }

        /** A clean session; {@code dispose()} hands it back to the pool. */
        public KieSession open() {
            return pool.newKieSession();
        }

        public RuleInfo rule(String packageName, String name) {
            Map<String, RuleInfo> rules = rulesByPackage.get(packageName);
            return rules == null ? null : rules.get(name);
        }
    }

    /** The files the version hash covers (scenario files excluded), relative to the year folder. */
    public List<String> files() {
        return source.files().keySet().stream().filter(f -> !f.endsWith(RulebookSource.SCENARIO_SUFFIX)).toList();
    }

    /** The rulebook's scenario files by path, as they were when it was built. */
    public Map<String, String> scenarios() {
        Map<String, String> scenarios = new java.util.TreeMap<>();
        source.files().forEach((path, text) -> {
            if (path.endsWith(RulebookSource.SCENARIO_SUFFIX)) {
                scenarios.put(path, text);
            }
        });
        return scenarios;
    }

    public Optional<UnitRow> unit(String name) {
        return Optional.ofNullable(units.get(name));
    }

    public List<Item> items(Assessment assessment) {
        return items.stream().filter(i -> i.assessment() == assessment).toList();
    }

    public Optional<Clause> clause(String code) {
        return Optional.ofNullable(clauses.get(code));
    }

    public List<Clause> findingCodes() {
        return clauses.values().stream().filter(Clause::isFindingCode).toList();
    }

    /** The adoption channels callers may name, in table order. */
    public List<Channel> channels() {
        return List.copyOf(channelTable.values());
    }

    public Optional<Channel> channel(String code) {
        return Optional.ofNullable(code == null ? null : channelTable.get(code));
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(categories.get(code));
    }

    /** The lines of an assessment, with the points the rules read. */
    public List<Line> lines(Assessment assessment) {
        return lines.stream().filter(l -> l.assessment() == assessment).toList();
    }

    /** The completion tiers of the items of an assessment, highest first. */
    public List<Tier> tiers(Assessment assessment) {
        List<String> codes = items(assessment).stream().map(Item::code).toList();
        return tiers.stream().filter(t -> codes.contains(t.item())).toList();
    }
}
