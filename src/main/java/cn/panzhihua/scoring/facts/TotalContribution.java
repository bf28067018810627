package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * The sum of the applicable assessments' contributions.
 *
 * @param points the sum of the applicable assessments' contributions
 */
public record TotalContribution(BigDecimal points) {
}
