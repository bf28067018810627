package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/** An adopted piece that is accepted but earns nothing (a provincial channel without a provincial task). */
public record Uncounted(int adoption, String channel, Assessment assessment, String item, Level level, List<String> evidence)
        implements AdoptionEffect {

    public Uncounted(Adoption adoption, List<String> evidence) {
        this(adoption.seq(), adoption.channel().code(), adoption.channel().assessment(), adoption.channel().item(),
                adoption.channel().level(), evidence);
    }

    @Override
    public Kind kind() {
        return Kind.NOT_COUNTED;
    }

    @Override
    public BigDecimal points() {
        return null;
    }
}
