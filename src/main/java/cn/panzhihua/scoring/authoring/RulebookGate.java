package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.Effect;
import cn.panzhihua.scoring.facts.PortionScore;
import cn.panzhihua.scoring.facts.Tally;
import cn.panzhihua.scoring.facts.Tier;
import cn.panzhihua.scoring.rulebook.CompiledRulesCache;
import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookException;
import cn.panzhihua.scoring.rulebook.RulebookLoader;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.RulebookSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one gate a rulebook passes before it serves, the same at start-up, on a reload (by request
 * or by the file watcher), on validation and in the authors' command-line tool:
 * <ol>
 * <li>data checks (manifest, units, categories, tables, items, clauses, channels, tiers);</li>
 * <li>compile (or authenticated compiled rules read back), and rules against the clause list;</li>
 * <li>every scenario of the year;</li>
 * <li>rule coverage: every rule (and every table row that acts as one) exercised by some scenario,
 *     unless the rule says why none can ({@code @unreachable("…")});</li>
 * <li>catalogue consistency: the numbers a clause's quoted text states, the catalogue's numbers
 *     and what the rules did in the scenarios agree.</li>
 * </ol>
 */
public final class RulebookGate {

    /** Rule metadata saying why no scenario can fire a rule (e.g. a structural cap the data never reaches). */
    public static final String UNREACHABLE = "unreachable";

    private final CompiledRulesCache cache;
    private final ScenarioRunner runner;
    /** Where the last check spent its time (the tool prints it with --timing). */
    private volatile String timings = "";

    public RulebookGate(CompiledRulesCache cache) {
        this.cache = cache;
        this.runner = new ScenarioRunner();
    }

    public GateResult check(RulebookSource source) {
        return check(source, null);
    }

    /**
     * The gate with only the scenarios {@code filter} accepts (all when null). A filtered run checks
     * what those scenarios show; rule coverage needs every scenario, so it is left out.
     */
    public GateResult check(RulebookSource source, ScenarioRunner.Filter filter) {
        long start = System.nanoTime();
        Rulebook rulebook;
        try {
            rulebook = RulebookLoader.build(source, cache);
        } catch (RulebookException e) {
            return new GateResult(source, null, e.problems(), List.of(), List.of(), List.of(), List.of(), millis(start));
        }
        return checkBuilt(source, rulebook, filter, start);
    }

    /** The gate's steps after the build, for a rulebook built from {@code source} (see {@link #check}). */
    GateResult checkBuilt(RulebookSource source, Rulebook rulebook, ScenarioRunner.Filter filter, long start) {
        long built = System.nanoTime();
        List<ScenarioResult> scenarios = runner.runAll(rulebook, filter);
        long ran = System.nanoTime();
        List<RulebookProblem> uncovered = new ArrayList<>();
        if (filter == null) {
            uncovered.addAll(uncovered(rulebook, scenarios));
            uncovered.addAll(unexercisedRows(rulebook, scenarios));
        }
        List<RulebookProblem> inconsistencies = new ArrayList<>(CatalogueConsistency.ofRulebook(rulebook));
        inconsistencies.addAll(CatalogueConsistency.ofScenarios(rulebook, scenarios));
        // The printed 考评表 quote the source per table (issue 19): their rows and the rules citing them agree.
        inconsistencies.addAll(TableTexts.of(rulebook));
        timings = "build " + (built - start) / 1_000_000 + " ms, scenarios " + (ran - built) / 1_000_000 + " ms, checks "
                + millis(ran) + " ms";
        return new GateResult(source, rulebook, List.of(), SourceYears.warnings(rulebook), scenarios, uncovered, inconsistencies, millis(start));
    }

    CompiledRulesCache cache() {
        return cache;
    }

    String timings() {
        return timings;
    }

    /** Rules whose conclusion held in no scenario's result. */
    static List<RulebookProblem> uncovered(Rulebook rulebook, List<ScenarioResult> scenarios) {
        Set<String> exercised = new HashSet<>();
        scenarios.forEach(s -> exercised.addAll(s.firedRules()));
        List<RulebookProblem> uncovered = new ArrayList<>();
        for (RuleInfo rule : rulebook.rules()) {
            if (!exercised.contains(rule.key()) && rule.unreachable() == null) {
                uncovered.add(new RulebookProblem(rule.file(), rule.line(), 0, "rule \"" + rule.name()
                        + "\" is exercised by no scenario: add one whose result it changes (or, if no request can fire it, say why with @"
                        + UNREACHABLE + "(\"…\"))"));
            }
        }
        return uncovered;
    }

    /**
     * Table rows that act as rules: every channel's points (and its State Council extra and bonus,
     * where it has them) and every tier must be earned in some scenario.
     */
    static List<RulebookProblem> unexercisedRows(Rulebook rulebook, List<ScenarioResult> scenarios) {
        Set<String> tallied = new HashSet<>();
        Set<String> reached = new HashSet<>();
        for (ScenarioResult scenario : scenarios) {
            for (Effect effect : scenario.effects()) {
                if (effect instanceof Tally t) {
                    tallied.add(t.channel() + "/" + t.part());
                } else if (effect instanceof PortionScore p) {
                    reached.add(p.item() + "/" + p.threshold());
                }
            }
        }
        List<RulebookProblem> missing = new ArrayList<>();
        for (Channel channel : rulebook.channels()) {
            List<String> parts = new ArrayList<>();
            if (!tallied.contains(channel.code() + "/" + Tally.Part.POINTS)) {
                parts.add("its points");
            }
            if (channel.bonus() != null && !tallied.contains(channel.code() + "/" + Tally.Part.BONUS)) {
                parts.add("its leader-instruction bonus");
            }
            if (channel.stateCouncilExtra() != null && !tallied.contains(channel.code() + "/" + Tally.Part.STATE_COUNCIL_EXTRA)) {
                parts.add("its State Council extra");
            }
            if (!parts.isEmpty()) {
                missing.add(CatalogueConsistency.row(rulebook, "channels.tsv", channel.code(), "channel " + channel.code() + ": no scenario earns "
                        + String.join(", ", parts) + "; add one (information/adoption.scenarios.json) whose adoptions use it"));
            }
        }
        for (Tier tier : rulebook.tiers()) {
            if (!reached.contains(tier.item() + "/" + tier.threshold())) {
                missing.add(CatalogueConsistency.row(rulebook, "tiers.tsv", tier.item() + "\t" + tier.threshold() + "\t", "tier "
                        + tier.threshold() + "% of " + tier.item() + ": no scenario reaches it; add one (information/adoption-tiers.scenarios.json)"));
            }
        }
        return missing;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
