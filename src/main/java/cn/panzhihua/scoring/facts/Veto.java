package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * A veto clause (一票否决) that applied; the conversion rules turn it into the contribution.
 *
 * @param assessment the assessment it belongs to
 * @param clause the veto clause that applied
 * @param evidence what the trail shows as evidence: the matched facts' own words and the rule's reckoning
 */
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
