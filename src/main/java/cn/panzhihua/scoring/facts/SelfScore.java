package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * The unit's own score for one item (the tables' 自评分 column), as the request gives it.
 *
 * @param item the item's code
 * @param value the unit's own score for it (自评分)
 */
public record SelfScore(String item, BigDecimal value) {
}
