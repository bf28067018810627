package cn.panzhihua.scoring.facts;

/**
 * An adoption dated after the evaluation's {@link AsOf} date; it stays out of the tallies.
 *
 * @param adoption the adoption dated after the AsOf date
 */
public record LaterAdoption(Adoption adoption) {
}
