package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * How far a portion is from its next tier: the tier's threshold in percent and the adoption points still needed.
 *
 * @param level MUNICIPAL or PROVINCIAL: the adoption tally it counts toward
 * @param nextTier the next tier's threshold, percent
 * @param pointsNeeded the adoption points still needed to reach it
 */
public record TierProgress(Level level, int nextTier, BigDecimal pointsNeeded) {
}
