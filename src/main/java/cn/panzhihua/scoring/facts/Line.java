package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * A rubric line of the rulebook's clause list (clauses.tsv) with the points one occurrence moves:
 * the rules read a line's points from here, so the catalogue and the score cannot disagree.
 * {@code clause} is the line the trail names: the code itself, or for a finding on another line
 * (I-2.1-DUP) that line (I-2.1). {@code counted}: each occurrence deducts (E-1), else once however often found.
 *
 * @param code the clause code (clauses.tsv)
 * @param clause the clause the trail names: the code, or for a finding the line it is on
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param points what one occurrence takes off the item (negative)
 * @param counted each occurrence deducts (counting each); else once however often found
 */
public record Line(String code, String clause, Assessment assessment, String item, BigDecimal points, boolean counted) {
}
