package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/** One portion of item I-3: the adoption target of a level and what completing it is worth. */
public record Portion(Level level, BigDecimal target, BigDecimal worth) {
}
