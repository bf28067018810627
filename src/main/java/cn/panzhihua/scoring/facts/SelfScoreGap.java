package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * An item whose assessed score differs from the unit's self-score, with the lines that explain it.
 *
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param selfScore the unit's own score
 * @param assessed the item's assessed score
 * @param evidence what the trail shows as evidence: the matched facts' own words and the rule's reckoning
 */
public record SelfScoreGap(Assessment assessment, String item, BigDecimal selfScore, BigDecimal assessed, List<String> evidence)
        implements Effect {

    @Override
    public Kind kind() {
        return Kind.SELF_SCORE;
    }

    /** A gap moves nothing: the assessed score stands. */
    @Override
    public BigDecimal points() {
        return null;
    }
}
