package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/** An item whose assessed score differs from the unit's self-score, with the lines that explain it. */
public record SelfScoreGap(Assessment assessment, String item, BigDecimal selfScore, BigDecimal assessed, List<String> evidence)
        implements Effect {

    @Override
    public Kind kind() {
        return Kind.SELF_SCORE;
    }

    /** A gap moves nothing: the assessed score stands. */
    @Override
    public BigDecimal points() {
        return null;
    }
}
