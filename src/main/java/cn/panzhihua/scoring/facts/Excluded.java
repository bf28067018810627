package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/** An adopted piece left out of a progress evaluation because it is dated after the asOf date. */
public record Excluded(int adoption, String channel, List<String> evidence) implements AdoptionEffect {

    @Override
    public Kind kind() {
        return Kind.NOT_COUNTED;
    }

    @Override
    public BigDecimal points() {
        return null;
    }
}
