package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * Adoption points (part D) one adopted piece earned toward a level's target. {@code basis} names
 * the part-D line (base points, a bonus, the State Council extra), so one record can earn several.
 */
public record Tally(int adoption, Level level, String basis, BigDecimal points, List<String> evidence)
        implements AdoptionEffect {

    @Override
    public Kind kind() {
        return Kind.TALLY;
    }
}
