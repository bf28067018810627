package cn.panzhihua.scoring.report;

import java.math.BigDecimal;

/**
 * The 自评分 a unit gave itself on an item. The service does not collect self-assessments, so the
 * caller supplies them from wherever they are kept; the 考评表 shows them next to the 考核分.
 */
@FunctionalInterface
public interface SelfScores {

    /** @return the unit's own score for the item, or null when it gave none (the cell stays blank) */
    BigDecimal score(String unit, String itemCode);

    static SelfScores none() {
        return (unit, itemCode) -> null;
    }
}
