package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * A derived fact that an auditor must see: every fact of this type that survives the evaluation
 * becomes one trail entry, named after the rule that inserted it.
 */
public interface Effect {

    enum Kind {
        /** a rubric line took points off an item */
        DEDUCTION,
        /** a cap or floor gave points back so an item stays within 0..max */
        CAP,
        /** an adopted piece of information earned adoption points toward a target (not score points) */
        TALLY,
        /** an adopted piece of information was accepted but earns nothing */
        NOT_COUNTED,
        /** a completion tier decided a portion's score */
        TIER,
        /** a veto clause applied */
        VETO,
        /** a conversion decided the assessment's contribution to the annual target score */
        CONVERSION,
        /** an item's assessed score differs from the unit's self-score (自评分); moves nothing */
        SELF_SCORE
    }

    Kind kind();

    Assessment assessment();

    /** The item whose score this moves, or null for assessment-wide effects. */
    String item();

    /** Points moved, in the unit of {@link #kind()}; null when none. */
    BigDecimal points();

    List<String> evidence();

    /** The adoption tally (municipal or provincial) an adoption effect belongs to; null elsewhere. */
    default Level level() {
        return null;
    }

    /**
     * The words the trail quotes for this effect when they come from a table row (a channel, a
     * tier) rather than from the rule that derived it; null: the rule's own source and text.
     */
    default Quote quote() {
        return null;
    }
}
