package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/** An item's score: its maximum plus every {@link ScoreChange} on it. */
public record ItemScore(Assessment assessment, String code, String name, BigDecimal max, BigDecimal score) {
}
