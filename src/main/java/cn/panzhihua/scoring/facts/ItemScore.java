package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * An item's score: its maximum plus every {@link ScoreChange} on it.
 *
 * @param assessment the assessment it belongs to
 * @param code the item's code
 * @param name the item's name
 * @param max its 分值
 * @param score its score: max plus every ScoreChange on it
 */
public record ItemScore(Assessment assessment, String code, String name, BigDecimal max, BigDecimal score) {
}
