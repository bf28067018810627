package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/** A veto clause (一票否决) that applied; the conversion rules turn it into the contribution. */
public record Veto(Assessment assessment, String clause, List<String> evidence) implements Effect {

    @Override
    public Kind kind() {
        return Kind.VETO;
    }

    @Override
    public String item() {
        return null;
    }

    @Override
    public BigDecimal points() {
        return null;
    }
}
