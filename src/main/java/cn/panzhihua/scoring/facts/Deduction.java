package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * Points a rubric line took off an item. {@code finding} is the finding code that triggered it
 * when it differs from the clause (I-2.1-DUP on line I-2.1), else the clause itself.
 */
public record Deduction(Assessment assessment, String item, String clause, String finding,
                        BigDecimal points, List<String> evidence) implements ScoreChange {

    public Deduction(Assessment assessment, String item, String clause, BigDecimal points, List<String> evidence) {
        this(assessment, item, clause, clause, points, evidence);
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
