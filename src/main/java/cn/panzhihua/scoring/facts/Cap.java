package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * Points a cap or floor gave back so that an item's deductions do not exceed its maximum.
 *
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param clause the cap's clause (D-CAP, E-CAP, I-CAP)
 * @param points the points given back (positive)
 * @param evidence what the trail shows as evidence: the matched facts' own words and the rule's reckoning
 */
public record Cap(Assessment assessment, String item, String clause, BigDecimal points, List<String> evidence)
        implements ScoreChange {

    @Override
    public Kind kind() {
        return Kind.CAP;
    }

    @Override
    public String label() {
        return clause + " +" + Evidence.number(points);
    }
}
