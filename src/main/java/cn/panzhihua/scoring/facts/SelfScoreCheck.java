package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * An item's self-score beside its assessed score; {@code difference} is assessed − self.
 *
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param selfScore the unit's own score
 * @param assessed the item's assessed score
 * @param difference assessed − self
 */
public record SelfScoreCheck(Assessment assessment, String item, BigDecimal selfScore, BigDecimal assessed, BigDecimal difference) {
}
