package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.LeaderInstruction;
import cn.panzhihua.scoring.facts.Level;
import cn.panzhihua.scoring.facts.Tier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The 2016 rulebook's tables hold the numbers SPEC sections 2 and 3 give, written here by hand from
 * SPEC: the rules and the plain-Java rubric of the differential test both read these tables, so
 * this is what keeps the tables themselves honest.
 */
class Spec2016NumbersTest {

    private static final Rulebook RULEBOOK = RulebookLoader.load(RulesDirectory.resolve("rules-drl").resolve("2016"));

    @Test
    void linePointsAsSpecSection3Gives() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String code : List.of("D-1.1", "D-1.2", "D-1.3", "D-1.4", "D-4.2")) {
            expected.put(code, "-2.5 once");
        }
        for (String code : List.of("D-2.1", "D-2.2", "D-2.3", "D-2.4", "D-3.1", "D-3.2.1", "D-3.2.2", "D-3.2.3", "D-3.2.4", "D-3.2.5",
                "D-4.1", "D-4.3", "D-4.4", "I-1", "I-2.1-URGENT", "I-2.2", "I-2.3")) {
            expected.put(code, "-5 once");
        }
        expected.put("D-3.3", "-20 once");
        expected.put("E-1", "-5 each");
        expected.put("E-2", "-10 each");
        expected.put("E-3", "-20 each");
        expected.put("E-4", "-20 each");
        expected.put("E-5", "-10 once");
        expected.put("I-2.1", "-2 once");
        expected.put("I-2.1-DUP", "-3 once");
        Map<String, String> actual = new LinkedHashMap<>();
        for (String code : expected.keySet()) {
            Clause clause = RULEBOOK.clause(code).orElseThrow();
            actual.put(code, clause.points().stripTrailingZeros().toPlainString() + (clause.counted() ? " each" : " once"));
        }
        assertEquals(expected, actual);
    }

    @Test
    void channelsAsSpecSection31Gives() {
        List<String> expected = List.of(
                "CITY_BULLETIN MUNICIPAL 4 - +10 MUNICIPAL",
                "CITY_BULLETIN_SPECIAL MUNICIPAL 8 - +10 MUNICIPAL",
                "CITY_DAILY_BRIEF MUNICIPAL 2 per-issue - +10 MUNICIPAL",
                "PROVINCE_MORNING_BRIEF PROVINCIAL 3 - +10 PROVINCIAL_OR_ABOVE",
                "PROVINCE_KEY_REPORT PROVINCIAL 8 - +10 PROVINCIAL_OR_ABOVE",
                "STATE_COUNCIL_DYNAMIC PROVINCIAL 3 +3 +10 PROVINCIAL_OR_ABOVE",
                "STATE_COUNCIL_SPECIAL PROVINCIAL 8 +8 +10 PROVINCIAL_OR_ABOVE",
                "PROVINCE_WORK_EXCHANGE PROVINCIAL 3 - +10 PROVINCIAL_OR_ABOVE");
        List<String> actual = new ArrayList<>();
        for (Channel c : RULEBOOK.channels()) {
            actual.add(c.code() + " " + c.level() + " " + plain(c.points()) + (c.perIssue() ? " per-issue" : "")
                    + " " + (c.stateCouncilExtra() == null ? "-" : "+" + plain(c.stateCouncilExtra()))
                    + " +" + plain(c.bonus()) + " " + c.bonusInstruction());
            assertEquals("I-3", c.item());
        }
        assertEquals(expected, actual);
        assertEquals(Level.MUNICIPAL.name(), RULEBOOK.channel("CITY_BULLETIN").orElseThrow().level().name());
        assertEquals(LeaderInstruction.MUNICIPAL, RULEBOOK.channel("CITY_BULLETIN").orElseThrow().bonusInstruction());
    }

    @Test
    void tiersAsSpecSection31Gives() {
        assertEquals(List.of("100 100", "70 70", "50 50", "30 30", "0 0"),
                RULEBOOK.tiers().stream().map((Tier t) -> t.threshold() + " " + t.share()).toList());
    }

    @Test
    void categoriesTablesAndMonthlyMinimumsAsSpecSection2Gives() {
        List<String> expected = List.of(
                "COUNTY efficiency,information 附件2 min 8",
                "MUNICIPAL_DEPARTMENT disclosure,efficiency,information 附件1 min 6",
                "HIGH_TECH_ZONE disclosure,efficiency,information 附件3 min 6",
                "MASS_ORGANIZATION information 附件1 min 6",
                "LIAISON_OFFICE information 附件1 min 6");
        List<String> actual = new ArrayList<>();
        for (Category c : RULEBOOK.categories().values()) {
            List<String> applies = new ArrayList<>();
            for (Assessment a : Assessment.values()) {
                if (c.applies(a)) {
                    applies.add(a.jsonName());
                }
            }
            Table information = c.table(Assessment.INFORMATION).orElseThrow();
            actual.add(c.code() + " " + String.join(",", applies) + " 附件" + information.attachment() + " min " + information.monthlyMinimum());
        }
        assertEquals(expected, actual);
        assertEquals(55, RULEBOOK.units().values().stream().filter(u -> u.category().equals("MUNICIPAL_DEPARTMENT")).count());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
