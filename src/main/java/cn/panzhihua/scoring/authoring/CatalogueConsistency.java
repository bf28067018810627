package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.evaluation.TrailEntry;
import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.Deduction;
import cn.panzhihua.scoring.facts.Effect;
import cn.panzhihua.scoring.facts.Item;
import cn.panzhihua.scoring.facts.PortionScore;
import cn.panzhihua.scoring.facts.Tally;
import cn.panzhihua.scoring.facts.Tier;
import cn.panzhihua.scoring.rulebook.Clause;
import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.UnitRow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers in one place: the gate's check that a clause's quoted text, the catalogue and what the
 * rules did agree. A number an author changes lives in one table cell (clauses.tsv points,
 * channels.tsv, tiers.tsv, tables.tsv); the texts quote the document and must say the same number;
 * and in every scenario each deduction, tally and tier must be what its row says.
 * <ul>
 * <li>rule names and texts of a line, and the catalogue's names: 扣 N 分 / 少得 N 分 (not 最多扣) = the
 *     line's points; 不得分 / 扣完 = the whole item;</li>
 * <li>channel rows: 计 N 分 = points, 另加 N 分 = the State Council extra, 加 N 分 in the name = the bonus;</li>
 * <li>tier rows: 得 N% = the share, N% 以上 = the threshold;</li>
 * <li>in the scenarios: each deduction is its line's points (or a whole multiple, on a counted line),
 *     each tally its channel's column, each tier its row's share; each trail entry's quoted text and
 *     rule name state the points it moved, and 不少于 / 不足 N 条 the unit's monthly minimum.</li>
 * </ul>
 */
final class CatalogueConsistency {

    /** 扣 / 少得 / 计 / 加 N 分, with what precedes the verb (最多 and 共计: a cap or a group's total, not a line's; 另: an extra). */
    private static final Pattern POINTS = Pattern.compile("(最多|共计|另|再另)?\\s*(扣|少得|计|加)\\s*(\\d+(?:\\.\\d+)?)\\s*分");
    private static final Pattern WHOLE_ITEM = Pattern.compile("不得分|扣完");
    private static final Pattern MONTHLY = Pattern.compile("(不少于|不足)\\s*(\\d+)\\s*条");
    private static final Pattern SHARE = Pattern.compile("得\\s*(\\d+)\\s*%\\s*分数");
    private static final Pattern THRESHOLD = Pattern.compile("(\\d+)\\s*%\\s*以上");

    private CatalogueConsistency() {
    }

    /** What disagrees in the rulebook itself: its rules' names and texts against its tables. */
    static List<RulebookProblem> ofRulebook(Rulebook rulebook) {
        Set<RulebookProblem> problems = new LinkedHashSet<>();
        for (RuleInfo rule : rulebook.rules()) {
            Clause line = lineOf(rulebook, rule);
            if (line == null) {
                continue;
            }
            BigDecimal points = line.points().abs();
            for (String quoted : new String[]{rule.name(), rule.text()}) {
                for (Stated stated : deductions(quoted)) {
                    if (stated.value().compareTo(points) != 0) {
                        problems.add(new RulebookProblem(rule.file(), rule.line(), 0, "rule \"" + rule.name() + "\" quotes " + stated.words()
                                + " but clauses.tsv gives " + line.code() + " " + Plain.of(line.points())
                                + ": change the points in clauses.tsv, or the quote, so they say the same"));
                    }
                }
                if (deductions(quoted).isEmpty() && WHOLE_ITEM.matcher(quoted).find()) {
                    BigDecimal max = item(rulebook, line.item()).map(Item::max).orElse(null);
                    if (max != null && max.compareTo(points) != 0) {
                        problems.add(new RulebookProblem(rule.file(), rule.line(), 0, "rule \"" + rule.name() + "\" says the whole item goes ("
                                + wholeItemWords(quoted) + ", " + line.item() + " is worth " + Plain.of(max) + ") but clauses.tsv gives "
                                + line.code() + " " + Plain.of(line.points())));
                    }
                }
            }
        }
        for (Clause clause : rulebook.clauses().values()) {
            if (clause.points() == null || clause.kind() == Clause.Kind.CHANNEL) {
                continue;
            }
            for (Stated stated : deductions(clause.name())) {
                if (stated.value().compareTo(clause.points().abs()) != 0) {
                    problems.add(row(rulebook, "clauses.tsv", clause.code(), "clause " + clause.code() + " is named \"" + clause.name()
                            + "\" (" + stated.words() + ") but its points are " + Plain.of(clause.points())));
                }
            }
        }
        for (Channel channel : rulebook.channels()) {
            List<String> wrong = new ArrayList<>();
            for (Stated stated : stated(channel.text())) {
                BigDecimal expected = stated.extra() ? channel.stateCouncilExtra() : stated.verb().equals("计") ? channel.points() : null;
                if (stated.verb().equals("加") && !stated.extra()) {
                    expected = channel.bonus();
                }
                if (expected == null || stated.value().compareTo(expected) != 0) {
                    wrong.add("its text says " + stated.words() + " but " + column(stated) + " is " + (expected == null ? "-" : Plain.of(expected)));
                }
            }
            for (Stated stated : stated(channel.name())) {
                BigDecimal expected = stated.extra() ? channel.stateCouncilExtra() : stated.verb().equals("加") ? channel.bonus()
                        : stated.verb().equals("计") ? channel.points() : null;
                if (expected == null || stated.value().compareTo(expected) != 0) {
                    wrong.add("its name says " + stated.words() + " but " + column(stated) + " is " + (expected == null ? "-" : Plain.of(expected)));
                }
            }
            wrong.forEach(w -> problems.add(row(rulebook, "channels.tsv", channel.code(), "channel " + channel.code() + ": " + w)));
        }
        for (Tier tier : rulebook.tiers()) {
            Matcher share = SHARE.matcher(tier.text());
            while (share.find()) {
                if (Integer.parseInt(share.group(1)) != tier.share()) {
                    problems.add(row(rulebook, "tiers.tsv", tier.item() + "\t" + tier.threshold() + "\t", "tier " + tier.threshold()
                            + "% of " + tier.item() + ": its text says " + share.group().strip() + " but its share is " + tier.share() + "%"));
                }
            }
            Matcher threshold = THRESHOLD.matcher(tier.text());
            if (threshold.find() && Integer.parseInt(threshold.group(1)) != tier.threshold()) {
                problems.add(row(rulebook, "tiers.tsv", tier.item() + "\t" + tier.threshold() + "\t", "tier " + tier.threshold()
                        + "% of " + tier.item() + ": its text says " + threshold.group().strip() + " but its threshold is " + tier.threshold() + "%"));
            }
        }
        return List.copyOf(problems);
    }

    /** What disagrees in what the rules did: each scenario's deductions, tallies, tiers and quotes against the tables. */
    static List<RulebookProblem> ofScenarios(Rulebook rulebook, List<ScenarioResult> scenarios) {
        Map<String, RulebookProblem> problems = new LinkedHashMap<>();
        for (ScenarioResult scenario : scenarios) {
            String where = "scenario \"" + scenario.name() + "\" (" + scenario.file() + ")";
            List<TrailEntry> trail = scenario.trail();
            List<Effect> effects = scenario.effects();
            UnitRow unit = scenario.response() == null ? null : rulebook.unit(scenario.response().path("unit").asText()).orElse(null);
            for (int i = 0; i < effects.size() && i < trail.size(); i++) {
                Effect effect = effects.get(i);
                TrailEntry entry = trail.get(i);
                RuleInfo rule = rulebook.rules().stream().filter(r -> r.name().equals(entry.rule())).findFirst().orElse(null);
                String key = entry.rule();
                effectAgainstTable(rulebook, effect).ifPresent(p -> problems.putIfAbsent(key + "/table/" + p,
                        located(rule, "rule \"" + entry.rule() + "\" " + p + " in " + where)));
                quoteAgainstEffect(rulebook, effect, entry).ifPresent(p -> problems.putIfAbsent(key + "/quote/" + p,
                        located(rule, "rule \"" + entry.rule() + "\": " + p + " in " + where)));
                if (unit != null && unit.informationTable() != null && unit.informationTable().monthlyMinimum() != null) {
                    int minimum = unit.informationTable().monthlyMinimum();
                    for (String quoted : new String[]{entry.rule(), entry.text()}) {
                        Matcher monthly = MONTHLY.matcher(quoted == null ? "" : quoted);
                        while (monthly.find()) {
                            if (Integer.parseInt(monthly.group(2)) != minimum) {
                                problems.putIfAbsent(key + "/monthly/" + minimum, located(rule, "rule \"" + entry.rule() + "\" quotes "
                                        + monthly.group().strip() + " but " + unit.name() + "'s table (附件" + unit.informationTable().attachment()
                                        + " in tables.tsv) has monthly_minimum " + minimum + ", in " + where));
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(problems.values());
    }

    /** A deduction is its line's points (times a whole count on a counted line), a tally its channel's column, a tier its row's share. */
    private static Optional<String> effectAgainstTable(Rulebook rulebook, Effect effect) {
        if (effect instanceof Deduction d) {
            Clause line = rulebook.clause(d.finding()).filter(c -> c.points() != null && c.kind() != Clause.Kind.CHANNEL)
                    .or(() -> rulebook.clause(d.clause()).filter(c -> c.points() != null)).orElse(null);
            if (line == null) {
                return Optional.of("took " + Plain.of(d.points()) + " off " + d.item() + " for " + d.clause() + ", which moves no points in clauses.tsv");
            }
            if (!multiple(d.points(), line.points(), line.counted())) {
                return Optional.of("took " + Plain.of(d.points()) + " off " + d.item() + " but clauses.tsv gives " + line.code() + " "
                        + Plain.of(line.points()) + (line.counted() ? " per occurrence" : ""));
            }
        } else if (effect instanceof Tally t) {
            Channel channel = rulebook.channel(t.channel()).orElse(null);
            BigDecimal expected = channel == null ? null : switch (t.part()) {
                case POINTS -> channel.points();
                case BONUS -> channel.bonus();
                case STATE_COUNCIL_EXTRA -> channel.stateCouncilExtra();
            };
            if (expected == null || expected.compareTo(t.points()) != 0) {
                return Optional.of("tallied " + Plain.of(t.points()) + " for " + t.channel() + " (" + t.part() + ") but channels.tsv gives "
                        + (expected == null ? "-" : Plain.of(expected)));
            }
        } else if (effect instanceof PortionScore p) {
            Tier tier = rulebook.tiers().stream().filter(x -> x.item().equals(p.item()) && x.threshold() == p.threshold()).findFirst().orElse(null);
            BigDecimal score = p.worth().multiply(BigDecimal.valueOf(p.share())).divide(BigDecimal.valueOf(100));
            if (tier == null || tier.share() != p.share() || score.compareTo(p.score()) != 0) {
                return Optional.of("scored the " + p.threshold() + "% tier of " + p.item() + " " + Plain.of(p.score()) + " of " + Plain.of(p.worth())
                        + " but tiers.tsv gives " + (tier == null ? "no such tier" : tier.share() + "%"));
            }
        }
        return Optional.empty();
    }

    /** The quoted text and the rule's name must state the points the entry moved. */
    private static Optional<String> quoteAgainstEffect(Rulebook rulebook, Effect effect, TrailEntry entry) {
        if (entry.points() == null || !(effect instanceof Deduction || effect instanceof Tally)) {
            return Optional.empty();
        }
        boolean counted = effect instanceof Deduction d && rulebook.clause(d.finding()).or(() -> rulebook.clause(d.clause()))
                .map(Clause::counted).orElse(false);
        for (String quoted : new String[]{entry.text(), entry.rule()}) {
            List<Stated> stated = effect instanceof Deduction ? deductions(quoted) : stated(quoted).stream()
                    .filter(s -> s.verb().equals("计") || s.verb().equals("加")).toList();
            if (stated.isEmpty()) {
                continue;
            }
            boolean matches = stated.stream().anyMatch(s -> multiple(entry.points().abs(), s.value(), counted));
            if (!matches) {
                return Optional.of((quoted == entry.text() ? "its quoted text says " : "its name says ")
                        + String.join(", ", stated.stream().map(Stated::words).toList()) + " but it moved " + Plain.of(entry.points()));
            }
        }
        return Optional.empty();
    }

    private record Stated(String words, String verb, BigDecimal value, boolean extra, boolean atMost) {
    }

    private static List<Stated> stated(String text) {
        List<Stated> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = POINTS.matcher(text);
        while (m.find()) {
            String before = m.group(1) == null ? "" : m.group(1);
            out.add(new Stated(m.group().strip(), m.group(2), new BigDecimal(m.group(3)), before.endsWith("另"),
                    before.equals("最多") || before.equals("共计")));
        }
        return out;
    }

    /** What a text says a line deducts: 扣 / 少得 N 分, not a cap (最多扣 N 分) or a group's total (共计扣 N 分). */
    private static List<Stated> deductions(String text) {
        return stated(text).stream().filter(s -> (s.verb().equals("扣") || s.verb().equals("少得")) && !s.atMost()).toList();
    }

    private static String column(Stated stated) {
        return stated.extra() ? "state_council_extra" : stated.verb().equals("计") ? "points" : "bonus";
    }

    private static boolean multiple(BigDecimal moved, BigDecimal per, boolean counted) {
        BigDecimal a = moved.abs();
        BigDecimal b = per.abs();
        if (!counted) {
            return a.compareTo(b) == 0;
        }
        if (b.signum() == 0) {
            return a.signum() == 0;
        }
        BigDecimal[] division = a.divideAndRemainder(b);
        return division[1].signum() == 0 && division[0].signum() > 0;
    }

    /** The line whose points a rule's quotes must state: its finding code's, or its own clause's; null for rules of no such line. */
    private static Clause lineOf(Rulebook rulebook, RuleInfo rule) {
        Clause own = rule.clause() == null ? null : rulebook.clause(rule.clause()).orElse(null);
        if (own == null || (own.kind() != Clause.Kind.LINE && own.kind() != Clause.Kind.FINDING)) {
            return null;
        }
        if (rule.findingCode() != null) {
            Clause finding = rulebook.clause(rule.findingCode()).orElse(null);
            return finding != null && finding.points() != null ? finding : null;
        }
        return own.points() != null ? own : null;
    }

    private static Optional<Item> item(Rulebook rulebook, String code) {
        return rulebook.items().stream().filter(i -> i.code().equals(code)).findFirst();
    }

    private static String wholeItemWords(String text) {
        Matcher m = WHOLE_ITEM.matcher(text);
        return m.find() ? m.group() : "";
    }

    private static RulebookProblem located(RuleInfo rule, String message) {
        return rule == null ? new RulebookProblem("(rulebook)", 0, 0, message) : new RulebookProblem(rule.file(), rule.line(), 0, message);
    }

    /** A problem at the row of a table file whose line starts with {@code start}. */
    static RulebookProblem row(Rulebook rulebook, String file, String start, String message) {
        String text = rulebook.source().file(file).orElse("");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(start.endsWith("\t") ? start : start + "\t")) {
                return new RulebookProblem(rulebook.source().display(file), i + 1, 0, message);
            }
        }
        return new RulebookProblem(rulebook.source().display(file), 0, 0, message);
    }
}
