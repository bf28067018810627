package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.facts.Adoption;
import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.Finding;
import cn.panzhihua.scoring.facts.Item;
import cn.panzhihua.scoring.facts.Level;
import cn.panzhihua.scoring.facts.Tier;
import cn.panzhihua.scoring.rulebook.Clause;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.UnitRow;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rubric written directly in Java, independently of the DRL: a second opinion for the
 * differential test (and the floor a benchmark compares the rules with). It takes the numbers an
 * author edits from the rulebook's tables (clause points, channels, tiers, the tables' monthly
 * minimum, items), so it follows any year's rulebook, and does the arithmetic of SPEC sections 3
 * and 4 itself; what the document fixes in its conversion and portion clauses (64 + 16, ×3 / ×1 /
 * at most −1 by information table, the vetoes) is written here as SPEC states it. Returns the
 * response's numbers by path, e.g. "disclosure.score", "information.items[I-3]".
 */
final class PlainJavaRubric {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PlainJavaRubric() {
    }

    static Map<String, BigDecimal> score(EvaluationInput input) {
        Rulebook rulebook = input.rulebook();
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        UnitRow unit = input.unit();
        Map<String, Integer> counts = new LinkedHashMap<>();
        boolean seriousUrgent = false;
        boolean seriousFalse = false;
        for (Finding f : input.findings()) {
            if (f.count() > 0) {
                counts.merge(f.code(), f.count(), Integer::sum);
                seriousUrgent |= f.serious() && f.code().equals("I-2.1-URGENT");
                seriousFalse |= f.serious() && f.code().equals("I-2.3");
            }
        }
        BigDecimal total = BigDecimal.ZERO;
        for (Assessment assessment : List.of(Assessment.DISCLOSURE, Assessment.EFFICIENCY)) {
            if (!unit.applies(assessment)) {
                continue;
            }
            BigDecimal score = BigDecimal.ZERO;
            for (Item item : rulebook.items(assessment)) {
                BigDecimal lost = BigDecimal.ZERO;
                for (Clause line : lines(rulebook, item)) {
                    int n = counts.getOrDefault(line.code(), 0);
                    if (n > 0) {
                        lost = lost.add(line.points().negate().multiply(BigDecimal.valueOf(line.counted() ? n : 1)));
                    }
                }
                BigDecimal s = item.max().subtract(lost).max(BigDecimal.ZERO);
                out.put(assessment.jsonName() + ".items[" + item.code() + "]", s);
                score = score.add(s);
            }
            boolean veto = assessment == Assessment.DISCLOSURE && rulebook.clauses().values().stream()
                    .anyMatch(c -> c.kind() == Clause.Kind.VETO && c.assessment() == assessment && counts.containsKey(c.code()));
            BigDecimal contribution = veto ? BigDecimal.valueOf(-2) : HUNDRED.subtract(score).multiply(BigDecimal.valueOf(-2)).divide(HUNDRED);
            out.put(assessment.jsonName() + ".score", score);
            out.put(assessment.jsonName() + ".contribution", contribution);
            total = total.add(contribution);
        }
        if (!unit.applies(Assessment.INFORMATION)) {
            out.put("totalContribution", total);
            return out;
        }
        int table = unit.informationTable().attachment();
        int minimum = unit.informationTable().monthlyMinimum();
        BigDecimal i1 = item(rulebook, "I-1").max().add(counts.containsKey("I-1") ? points(rulebook, "I-1") : BigDecimal.ZERO);
        BigDecimal i21 = item(rulebook, "I-2.1").max()
                .add(input.months().stream().anyMatch(m -> m.count() < minimum) ? points(rulebook, "I-2.1") : BigDecimal.ZERO)
                .add(counts.containsKey("I-2.1-DUP") ? points(rulebook, "I-2.1-DUP") : BigDecimal.ZERO)
                .add(counts.containsKey("I-2.1-URGENT") ? points(rulebook, "I-2.1-URGENT") : BigDecimal.ZERO)
                .max(BigDecimal.ZERO);
        BigDecimal i22 = item(rulebook, "I-2.2").max().add(counts.containsKey("I-2.2") ? points(rulebook, "I-2.2") : BigDecimal.ZERO);
        BigDecimal i23 = item(rulebook, "I-2.3").max().add(counts.containsKey("I-2.3") ? points(rulebook, "I-2.3") : BigDecimal.ZERO);
        BigDecimal municipal = BigDecimal.ZERO;
        BigDecimal provincial = BigDecimal.ZERO;
        boolean provincialTask = unit.provincialTarget().signum() > 0;
        for (Adoption a : input.adoptions()) {
            Channel channel = a.channel();
            boolean isProvincial = channel.level() == Level.PROVINCIAL;
            if (isProvincial && !provincialTask) {
                continue;
            }
            BigDecimal points = channel.points();
            if (a.stateCouncilAdopted() && channel.stateCouncilExtra() != null) {
                points = points.add(channel.stateCouncilExtra());
            }
            if (channel.bonus() != null && a.leaderInstruction().compareTo(channel.bonusInstruction()) >= 0) {
                points = points.add(channel.bonus());
            }
            if (isProvincial) {
                provincial = provincial.add(points);
            } else {
                municipal = municipal.add(points);
            }
        }
        BigDecimal worth = item(rulebook, "I-3").max();
        List<Tier> tiers = rulebook.tiers().stream().filter(t -> t.item().equals("I-3")).toList();
        BigDecimal i3 = provincialTask
                ? portion(municipal, unit.municipalTarget(), BigDecimal.valueOf(64), tiers, "municipal", out)
                        .add(portion(provincial, unit.provincialTarget(), BigDecimal.valueOf(16), tiers, "provincial", out))
                : portion(municipal, unit.municipalTarget(), worth, tiers, "municipal", out);
        BigDecimal score = i1.max(BigDecimal.ZERO).add(i21).add(i22.max(BigDecimal.ZERO)).add(i23.max(BigDecimal.ZERO)).add(i3);
        out.put("information.items[I-2.1]", i21);
        out.put("information.items[I-3]", i3);
        out.put("information.score", score);
        boolean veto = counts.containsKey("I-V") || seriousUrgent || seriousFalse;
        BigDecimal contribution = switch (table) {
            case 2 -> veto ? BigDecimal.valueOf(-1) : HUNDRED.subtract(score).negate().divide(HUNDRED);
            case 3 -> veto ? BigDecimal.ZERO : score.divide(HUNDRED);
            default -> veto ? BigDecimal.ZERO : score.multiply(BigDecimal.valueOf(3)).divide(HUNDRED);
        };
        out.put("information.contribution", contribution);
        out.put("totalContribution", total.add(contribution));
        return out;
    }

    /** The clauses that take points off an item: its lines and findings, not channels. */
    private static List<Clause> lines(Rulebook rulebook, Item item) {
        return rulebook.clauses().values().stream()
                .filter(c -> item.code().equals(c.item()) && c.points() != null && c.kind() != Clause.Kind.CHANNEL).toList();
    }

    private static BigDecimal points(Rulebook rulebook, String code) {
        return rulebook.clause(code).orElseThrow().points();
    }

    private static Item item(Rulebook rulebook, String code) {
        return rulebook.items().stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow();
    }

    /** The highest tier the exact ratio reaches: earned × 100 ≥ target × threshold. */
    private static BigDecimal portion(BigDecimal earned, BigDecimal target, BigDecimal worth, List<Tier> tiers, String level,
                                      Map<String, BigDecimal> out) {
        int share = 0;
        int best = -1;
        for (Tier tier : tiers) {
            if (tier.threshold() > best && earned.multiply(HUNDRED).compareTo(target.multiply(BigDecimal.valueOf(tier.threshold()))) >= 0) {
                best = tier.threshold();
                share = tier.share();
            }
        }
        BigDecimal score = worth.multiply(BigDecimal.valueOf(share)).divide(HUNDRED);
        out.put("information.adoption." + level + ".earned", earned);
        out.put("information.adoption." + level + ".score", score);
        return score;
    }
}
