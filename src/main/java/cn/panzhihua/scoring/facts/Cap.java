package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/** Points a cap or floor gave back so that an item's deductions do not exceed its maximum. */
public record Cap(Assessment assessment, String item, String clause, BigDecimal points, List<String> evidence)
        implements ScoreChange {

    @Override
    public Kind kind() {
        return Kind.CAP;
    }

    @Override
    public String label() {
        return clause + " +" + Evidence.number(points);
    }
}
