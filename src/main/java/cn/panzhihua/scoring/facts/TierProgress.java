package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/** How far a portion is from its next tier: the tier's threshold in percent and the adoption points still needed. */
public record TierProgress(Level level, int nextTier, BigDecimal pointsNeeded) {
}
