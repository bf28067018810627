package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * Adoption points (part D) one adopted piece earned toward a level's target, on one {@link Part}
 * of its channel's row; one record can earn several. A tally on the channel's own line quotes the
 * channel's row; a bonus quotes the rule that grants it ({@code quote} null).
 *
 * @param adoption the adoption's index in the request (information.adoptions[n])
 * @param channel the adoption channel's code (channels.tsv)
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param level MUNICIPAL or PROVINCIAL: the adoption tally it counts toward
 * @param part which column of the channel's row the points are
 * @param points the adoption points earned (not score points)
 * @param evidence what the trail shows as evidence: the matched facts' own words and the rule's reckoning
 * @param quote the table row's source and text the trail quotes; null: the rule's own
 */
public record Tally(int adoption, String channel, Assessment assessment, String item, Level level, Part part,
                    BigDecimal points, List<String> evidence, Quote quote) implements AdoptionEffect {

    /** Which column of the channel's row the points are: its points, the State Council's extra, the leader-instruction bonus. */
    public enum Part { POINTS, STATE_COUNCIL_EXTRA, BONUS }

    public Tally(Adoption adoption, Part part, BigDecimal points, Quote quote) {
        this(adoption.seq(), adoption.channel().code(), adoption.channel().assessment(), adoption.channel().item(),
                adoption.channel().level(), part, points, adoption.evidence(), quote);
    }

    @Override
    public Kind kind() {
        return Kind.TALLY;
    }
}
