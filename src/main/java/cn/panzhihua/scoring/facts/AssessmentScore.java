package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * An assessment's 100-point score: the sum of its item scores.
 *
 * @param assessment the assessment it belongs to
 * @param score the assessment's 100-point score: the sum of its item scores
 */
public record AssessmentScore(Assessment assessment, BigDecimal score) {
}
