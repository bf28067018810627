package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/** The unit's own score for one item (the tables' 自评分 column), as the request gives it. */
public record SelfScore(String item, BigDecimal value) {
}
