package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;

import java.math.BigDecimal;

/**
 * One row of clauses.tsv. {@code assessment} is null for codes that span assessments (SCORE, TOTAL),
 * {@code item} null for assessment-wide clauses, {@code points} null where nothing is moved per occurrence.
 */
public record Clause(String code, Assessment assessment, String item, Kind kind, Input input,
                     BigDecimal points, String name) {

    public enum Kind { LINE, FINDING, VETO, CAP, CONVERSION, SCORE, CHANNEL }

    /** How a caller names the clause in a request, if at all. */
    public enum Input { FINDING, CHANNEL, DERIVED }

    public boolean isFindingCode() {
        return input == Input.FINDING;
    }

    public boolean isChannel() {
        return input == Input.CHANNEL;
    }
}
