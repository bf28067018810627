package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.facts.Adoption;
import cn.panzhihua.scoring.facts.Category;
import cn.panzhihua.scoring.facts.Finding;
import cn.panzhihua.scoring.facts.LeaderInstruction;
import cn.panzhihua.scoring.rulebook.UnitRow;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The 2016 rubric written directly in Java, independently of the DRL: a second opinion for the
 * differential test (and the floor a benchmark compares the rules with). Returns the response's
 * numbers by path, e.g. "disclosure.score", "information.items[I-3]".
 */
final class PlainJavaRubric {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Map<String, String> DISCLOSURE_POINTS = Map.ofEntries(
            Map.entry("D-1.1", "2.5"), Map.entry("D-1.2", "2.5"), Map.entry("D-1.3", "2.5"), Map.entry("D-1.4", "2.5"),
            Map.entry("D-2.1", "5"), Map.entry("D-2.2", "5"), Map.entry("D-2.3", "5"), Map.entry("D-2.4", "5"),
            Map.entry("D-3.1", "5"), Map.entry("D-3.2.1", "5"), Map.entry("D-3.2.2", "5"), Map.entry("D-3.2.3", "5"),
            Map.entry("D-3.2.4", "5"), Map.entry("D-3.2.5", "5"), Map.entry("D-3.3", "20"),
            Map.entry("D-4.1", "5"), Map.entry("D-4.2", "2.5"), Map.entry("D-4.3", "5"), Map.entry("D-4.4", "5"));
    private static final Map<String, Integer> DISCLOSURE_ITEMS = Map.of("D-1", 10, "D-2", 20, "D-3", 50, "D-4", 20);
    private static final Map<String, int[]> EFFICIENCY = Map.of( // per occurrence, item max
            "E-1", new int[]{5, 20}, "E-2", new int[]{10, 20}, "E-3", new int[]{20, 30}, "E-4", new int[]{20, 20}, "E-5", new int[]{10, 10});
    private static final Set<String> PROVINCIAL = Set.of("PROVINCE_MORNING_BRIEF", "PROVINCE_KEY_REPORT",
            "STATE_COUNCIL_DYNAMIC", "STATE_COUNCIL_SPECIAL", "PROVINCE_WORK_EXCHANGE");
    private static final Map<String, Integer> BASE = Map.of("CITY_BULLETIN", 4, "CITY_BULLETIN_SPECIAL", 8, "CITY_DAILY_BRIEF", 2,
            "PROVINCE_MORNING_BRIEF", 3, "PROVINCE_KEY_REPORT", 8, "STATE_COUNCIL_DYNAMIC", 3, "STATE_COUNCIL_SPECIAL", 8,
            "PROVINCE_WORK_EXCHANGE", 3);

    private PlainJavaRubric() {
    }

    static Map<String, BigDecimal> score(EvaluationInput input) {
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
        if (unit.disclosure()) {
            Map<String, BigDecimal> lost = new LinkedHashMap<>();
            counts.keySet().stream().filter(DISCLOSURE_POINTS::containsKey).forEach(code ->
                    lost.merge(code.substring(0, 3), new BigDecimal(DISCLOSURE_POINTS.get(code)), BigDecimal::add));
            BigDecimal score = BigDecimal.ZERO;
            for (Map.Entry<String, Integer> item : DISCLOSURE_ITEMS.entrySet()) {
                BigDecimal s = BigDecimal.valueOf(item.getValue()).subtract(lost.getOrDefault(item.getKey(), BigDecimal.ZERO)).max(BigDecimal.ZERO);
                out.put("disclosure.items[" + item.getKey() + "]", s);
                score = score.add(s);
            }
            boolean veto = counts.keySet().stream().anyMatch(c -> c.startsWith("D-V"));
            BigDecimal contribution = veto ? BigDecimal.valueOf(-2) : HUNDRED.subtract(score).multiply(BigDecimal.valueOf(-2)).divide(HUNDRED);
            out.put("disclosure.score", score);
            out.put("disclosure.contribution", contribution);
            total = total.add(contribution);
        }
        if (unit.efficiency()) {
            BigDecimal score = BigDecimal.ZERO;
            for (Map.Entry<String, int[]> item : EFFICIENCY.entrySet()) {
                int n = counts.getOrDefault(item.getKey(), 0);
                int lost = item.getKey().equals("E-5") ? (n > 0 ? 10 : 0) : n * item.getValue()[0];
                BigDecimal s = BigDecimal.valueOf(Math.max(0, item.getValue()[1] - lost));
                out.put("efficiency.items[" + item.getKey() + "]", s);
                score = score.add(s);
            }
            BigDecimal contribution = HUNDRED.subtract(score).multiply(BigDecimal.valueOf(-2)).divide(HUNDRED);
            out.put("efficiency.score", score);
            out.put("efficiency.contribution", contribution);
            total = total.add(contribution);
        }
        boolean county = unit.category() == Category.COUNTY;
        int minimum = county ? 8 : 6;
        int i1 = counts.containsKey("I-1") ? 0 : 5;
        int i21 = 5 - (input.months().stream().anyMatch(m -> m.count() < minimum) ? 2 : 0)
                - (counts.containsKey("I-2.1-DUP") ? 3 : 0) - (counts.containsKey("I-2.1-URGENT") ? 5 : 0);
        int i22 = counts.containsKey("I-2.2") ? 0 : 5;
        int i23 = counts.containsKey("I-2.3") ? 0 : 5;
        BigDecimal municipal = BigDecimal.ZERO;
        BigDecimal provincial = BigDecimal.ZERO;
        boolean provincialTask = unit.provincialTarget().signum() > 0;
        for (Adoption a : input.adoptions()) {
            boolean isProvincial = PROVINCIAL.contains(a.channel());
            if (isProvincial && !provincialTask) {
                continue;
            }
            int points = BASE.get(a.channel());
            if (a.stateCouncilAdopted()) {
                points += a.channel().equals("STATE_COUNCIL_DYNAMIC") ? 3 : 8;
            }
            LeaderInstruction needed = isProvincial ? LeaderInstruction.PROVINCIAL_OR_ABOVE : LeaderInstruction.MUNICIPAL;
            if (a.leaderInstruction().compareTo(needed) >= 0) {
                points += 10;
            }
            if (isProvincial) {
                provincial = provincial.add(BigDecimal.valueOf(points));
            } else {
                municipal = municipal.add(BigDecimal.valueOf(points));
            }
        }
        BigDecimal i3 = provincialTask
                ? portion(municipal, unit.municipalTarget(), 64, "municipal", out).add(portion(provincial, unit.provincialTarget(), 16, "provincial", out))
                : portion(municipal, unit.municipalTarget(), 80, "municipal", out);
        BigDecimal score = BigDecimal.valueOf(i1 + Math.max(0, i21) + i22 + i23).add(i3);
        out.put("information.items[I-2.1]", BigDecimal.valueOf(Math.max(0, i21)));
        out.put("information.items[I-3]", i3);
        out.put("information.score", score);
        boolean veto = counts.containsKey("I-V") || seriousUrgent || seriousFalse;
        BigDecimal contribution = switch (unit.category()) {
            case COUNTY -> veto ? BigDecimal.valueOf(-1) : HUNDRED.subtract(score).negate().divide(HUNDRED);
            case HIGH_TECH_ZONE -> veto ? BigDecimal.ZERO : score.divide(HUNDRED);
            default -> veto ? BigDecimal.ZERO : score.multiply(BigDecimal.valueOf(3)).divide(HUNDRED);
        };
        out.put("information.contribution", contribution);
        out.put("totalContribution", total.add(contribution));
        return out;
    }

    private static BigDecimal portion(BigDecimal earned, BigDecimal target, int worth, String level, Map<String, BigDecimal> out) {
        int share = 0;
        for (int tier : new int[]{100, 70, 50, 30}) {
            if (earned.multiply(HUNDRED).compareTo(target.multiply(BigDecimal.valueOf(tier))) >= 0) {
                share = tier;
                break;
            }
        }
        BigDecimal score = BigDecimal.valueOf((long) worth * share).divide(HUNDRED);
        out.put("information.adoption." + level + ".earned", earned);
        out.put("information.adoption." + level + ".score", score);
        return score;
    }

}
