package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * The tier a portion reached and the score it earned: {@code share} percent of {@code worth}.
 * As a score change on its item it moves {@code score − worth}; the trail quotes the tier's row.
 *
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param level MUNICIPAL or PROVINCIAL: the adoption tally it counts toward
 * @param worth what the portion is worth
 * @param threshold the tier reached (its threshold, percent of the target)
 * @param share the percentage of the portion it earns
 * @param score the portion's score: worth × share / 100
 * @param evidence what the trail shows as evidence: the matched facts' own words and the rule's reckoning
 * @param quote the table row's source and text the trail quotes; null: the rule's own
 */
public record PortionScore(Assessment assessment, String item, Level level, BigDecimal worth, int threshold, int share,
                           BigDecimal score, List<String> evidence, Quote quote) implements ScoreChange, AdoptionEffect {

    public PortionScore(Completion completion, Tier tier, BigDecimal score, List<String> evidence) {
        this(completion.assessment(), completion.item(), completion.level(), completion.worth(), tier.threshold(), tier.share(),
                score, evidence, tier.quote());
    }

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
        return item + " " + (level == Level.MUNICIPAL ? "市级" : "省级") + "完成档次 " + share + "% " + Evidence.number(points());
    }
}
