package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * An adopted piece that is accepted but earns nothing (a provincial channel without a provincial task).
 *
 * @param adoption the adoption's index in the request (information.adoptions[n])
 * @param channel the adoption channel's code (channels.tsv)
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param level MUNICIPAL or PROVINCIAL: the adoption tally it counts toward
 * @param evidence what the trail shows as evidence: the matched facts' own words and the rule's reckoning
 */
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
