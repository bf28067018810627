package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * Points a rubric line took off an item. {@code finding} is what triggered it when it differs
 * from the clause (the finding I-2.1-DUP on line I-2.1, or monthlySubmissions), else the clause itself.
 *
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param clause the line the trail names (I-2.1 for the finding I-2.1-DUP)
 * @param finding what triggered it: the finding code, or monthlySubmissions; the clause when the same
 * @param points the points taken off (negative)
 * @param evidence what the trail shows as evidence: the matched facts' own words and the rule's reckoning
 */
public record Deduction(Assessment assessment, String item, String clause, String finding,
                        BigDecimal points, List<String> evidence) implements ScoreChange {

    public Deduction(Assessment assessment, String item, String clause, BigDecimal points, List<String> evidence) {
        this(assessment, item, clause, clause, points, evidence);
    }

    /** What a line of the clause list takes off its item; {@code points} as the rule worked them out from the line's. */
    public Deduction(Line line, BigDecimal points, List<String> evidence) {
        this(line.assessment(), line.item(), line.clause(), line.code(), points, evidence);
    }

    /** The same, triggered by something that is not a finding code of the request (e.g. monthlySubmissions). */
    public Deduction(Line line, String trigger, BigDecimal points, List<String> evidence) {
        this(line.assessment(), line.item(), line.clause(), trigger, points, evidence);
    }

    @Override
    public Kind kind() {
        return Kind.DEDUCTION;
    }

    @Override
    public String label() {
        return (finding.equals(clause) ? clause : clause + "（" + finding + "）") + " " + Evidence.number(points);
    }
}
