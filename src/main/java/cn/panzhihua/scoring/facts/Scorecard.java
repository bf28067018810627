package cn.panzhihua.scoring.facts;

/**
 * Marks an assessment that applies to the unit being evaluated; its items come as {@link Item} facts.
 *
 * @param assessment the assessment it belongs to
 */
public record Scorecard(Assessment assessment) {
}
