package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * The tier a portion reached and the score it earned: {@code share} percent of {@code worth}.
 * As a score change on I-3 it moves {@code score − worth}.
 */
public record PortionScore(Level level, BigDecimal worth, int share, BigDecimal score, List<String> evidence)
        implements ScoreChange, AdoptionEffect {

    @Override
    public Kind kind() {
        return Kind.TIER;
    }

    @Override
    public BigDecimal points() {
        return score.subtract(worth);
    }

    @Override
    public String label() {
        return "I-3 " + (level == Level.MUNICIPAL ? "市级" : "省级") + "完成档次 " + share + "% " + Evidence.number(points());
    }
}
