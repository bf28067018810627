package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;

import java.math.BigDecimal;

/**
 * One row of clauses.tsv, or a channel of channels.tsv as the catalogue lists it. {@code assessment}
 * is null for codes that span assessments (SCORE, TOTAL), {@code item} null for assessment-wide
 * clauses, {@code points} null where nothing is moved per occurrence; {@code counted}: each
 * occurrence moves the points (a count of 2 deducts twice), else once however often found.
 */
public record Clause(String code, Assessment assessment, String item, Kind kind, Input input,
                     BigDecimal points, boolean counted, String name) {

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
