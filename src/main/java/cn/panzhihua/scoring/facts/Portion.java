package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * One portion of an adoption item (I-3): the adoption target of a level and what completing it is worth.
 *
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param level MUNICIPAL or PROVINCIAL: the adoption tally it counts toward
 * @param target the adoption target of the level (units.tsv)
 * @param worth what completing it is worth
 */
public record Portion(Assessment assessment, String item, Level level, BigDecimal target, BigDecimal worth) {

    public Portion(Item item, Level level, BigDecimal target, BigDecimal worth) {
        this(item.assessment(), item.code(), level, target, worth);
    }
}
