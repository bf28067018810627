package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/** An adopted piece that is accepted but earns nothing (a provincial channel without a provincial task). */
public record Uncounted(int adoption, String channel, List<String> evidence) implements AdoptionEffect {

    @Override
    public Kind kind() {
        return Kind.NOT_COUNTED;
    }

    /** Only provincial channels can go uncounted (a unit without a provincial task). */
    @Override
    public Level level() {
        return Level.PROVINCIAL;
    }

    @Override
    public BigDecimal points() {
        return null;
    }
}
