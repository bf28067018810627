package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/** An item's self-score beside its assessed score; {@code difference} is assessed − self. */
public record SelfScoreCheck(Assessment assessment, String item, BigDecimal selfScore, BigDecimal assessed, BigDecimal difference) {
}
