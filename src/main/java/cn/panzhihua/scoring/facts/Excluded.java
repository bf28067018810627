package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * An adopted piece left out of a progress evaluation because it is dated after the asOf date.
 *
 * @param adoption the adoption's index in the request (information.adoptions[n])
 * @param channel the adoption channel's code (channels.tsv)
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param evidence what the trail shows as evidence: the matched facts' own words and the rule's reckoning
 */
public record Excluded(int adoption, String channel, Assessment assessment, String item, List<String> evidence) implements AdoptionEffect {

    public Excluded(Adoption adoption, List<String> evidence) {
        this(adoption.seq(), adoption.channel().code(), adoption.channel().assessment(), adoption.channel().item(), evidence);
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
