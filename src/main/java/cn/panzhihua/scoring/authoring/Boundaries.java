package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.facts.Tier;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.UnitRow;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a scenario approve would rewrite sits on an edge of the rules, declared with
 * {@code boundary} or not: a scenario written to test "exactly 70%" or "exactly the monthly minimum"
 * that a change moves off its edge still passes after approve, but tests something else. Such a
 * scenario is never rewritten; the author moves its request back onto the edge.
 * <ul>
 * <li>a tier: an adoption completion the scenario expected (as a value, or as earned / target) that is a
 *     tier threshold of tiers.tsv, and that the change moves;</li>
 * <li>a minimum: a month whose submissions are the unit's monthly minimum (tables.tsv), or one short
 *     of it, which is where a month that sat on a minimum raised by one now is.</li>
 * </ul>
 */
final class Boundaries {

    private static final String[] LEVELS = {"municipal", "provincial"};

    private Boundaries() {
    }

    /** Why approve must not move this scenario; empty if it sits on no edge. */
    static List<String> movedOff(JsonNode scenario, JsonNode response, Rulebook rulebook) {
        List<String> why = new ArrayList<>();
        JsonNode values = scenario.path("expect").path("values");
        for (String level : LEVELS) {
            String base = "information.adoption." + level + ".";
            BigDecimal expected = completion(values, base);
            if (expected == null) {
                continue;
            }
            for (Tier tier : rulebook.tiers()) {
                if (tier.threshold() <= 0 || expected.compareTo(BigDecimal.valueOf(tier.threshold()).movePointLeft(2)) != 0) {
                    continue;
                }
                JsonNode now = ResponsePaths.find(response, base + "completion");
                if (now != null && now.isNumber() && now.decimalValue().compareTo(expected) != 0) {
                    why.add("it sits on the " + tier.threshold() + "% tier of " + tier.item() + " (" + base + "completion "
                            + expected.stripTrailingZeros().toPlainString() + ") and the change moves it to " + Plain.of(now)
                            + ": approve does not move a scenario off its boundary; move its request back onto "
                            + expected.stripTrailingZeros().toPlainString() + " and declare it with \"boundary\"");
                }
            }
        }
        JsonNode months = scenario.path("given").path("information").path("monthlySubmissions");
        UnitRow unit = rulebook.units().get(scenario.path("given").path("unit").asText());
        Integer minimum = unit == null || unit.informationTable() == null ? null : unit.informationTable().monthlyMinimum();
        if (minimum != null && months.isArray()) {
            for (JsonNode month : months) {
                if (month.isInt() && (month.asInt() == minimum || month.asInt() == minimum - 1)) {
                    why.add("a month has " + month.asInt() + " submissions, " + (month.asInt() == minimum ? "exactly" : "one short of")
                            + " the monthly minimum " + minimum + " of " + unit.informationTable().title()
                            + ": the scenario sits on a minimum, and approve does not move a scenario off its boundary; move its "
                            + "months back onto the minimum it tests (and name it for the new minimum)");
                    break;
                }
            }
        }
        return why;
    }

    /** The completion the scenario expected at this level: stated, or its expected earned / target. */
    private static BigDecimal completion(JsonNode values, String base) {
        JsonNode stated = values.get(base + "completion");
        if (stated != null && stated.isNumber()) {
            return stated.decimalValue();
        }
        JsonNode earned = values.get(base + "earned");
        JsonNode target = values.get(base + "target");
        if (earned != null && target != null && earned.isNumber() && target.isNumber() && target.decimalValue().signum() > 0) {
            return earned.decimalValue().divide(target.decimalValue(), 4, RoundingMode.HALF_UP);
        }
        return null;
    }
}
