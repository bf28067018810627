package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an assessment adds to the unit's annual target score (目标考核总分), after conversion.
 *
 * @param assessment the assessment it belongs to
 * @param clause the conversion clause (D-CONV, E-CONV, I-CONV)
 * @param points what the assessment adds to the unit's annual target score
 * @param vetoed whether a veto decided it
 * @param evidence what the trail shows as evidence: the matched facts' own words and the rule's reckoning
 */
public record Contribution(Assessment assessment, String clause, BigDecimal points, boolean vetoed,
                           List<String> evidence) implements Effect {

    @Override
    public Kind kind() {
        return Kind.CONVERSION;
    }

    @Override
    public String item() {
        return null;
    }
}
