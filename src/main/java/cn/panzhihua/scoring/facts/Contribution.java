package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/** What an assessment adds to the unit's annual target score (目标考核总分), after conversion. */
public record Contribution(Assessment assessment, String clause, BigDecimal points, boolean vetoed,
                           List<String> evidence) implements Effect {

    @Override
    public Kind kind() {
        return Kind.CONVERSION;
    }

    @Override
    public String item() {
        return null;
    }
}
