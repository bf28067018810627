package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Adoption points earned against a portion's target. Tiers compare the exact ratio, never a rounded one.
 *
 * @param assessment the assessment it belongs to
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param level MUNICIPAL or PROVINCIAL: the adoption tally it counts toward
 * @param target the portion's adoption target (table C, units.tsv)
 * @param earned the adoption points earned toward it
 * @param worth what the portion is worth (e.g. 64 of 80)
 */
public record Completion(Assessment assessment, String item, Level level, BigDecimal target, BigDecimal earned, BigDecimal worth) {

    public Completion(Portion portion, BigDecimal earned) {
        this(portion.assessment(), portion.item(), portion.level(), portion.target(), earned, portion.worth());
    }

    /** earned / target ≥ percent / 100, decided exactly as earned × 100 ≥ target × percent. */
    public boolean atLeast(int percent) {
        return earned.multiply(BigDecimal.valueOf(100)).compareTo(target.multiply(BigDecimal.valueOf(percent))) >= 0;
    }

    /**
     * The whole percentage points of the target earned, rounded down: a whole-number threshold is met
     * ({@link #atLeast}) exactly when it is at most this. The tier rules compare a tier's threshold with
     * it, a constraint on the tier's own field that Drools can index (a call on the completion inside
     * the tier's pattern made Drools warn at every compile, and fall back to class reactivity).
     */
    public int wholePercent() {
        if (target.signum() <= 0) {
            return earned.signum() >= 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE; // no target: met, unless owed
        }
        BigDecimal floor = earned.multiply(BigDecimal.valueOf(100)).divide(target, 0, RoundingMode.FLOOR);
        return floor.max(BigDecimal.valueOf(Integer.MIN_VALUE)).min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValue();
    }

    /** The ratio shown to callers, rounded; never used to decide a tier. */
    public BigDecimal ratio() {
        return earned.divide(target, 4, RoundingMode.HALF_UP);
    }

    /** How the tier rules' trail entries describe what they matched. */
    public String describe() {
        String name = level == Level.MUNICIPAL ? "市级" : "省级";
        return name + "采用 " + Evidence.number(earned) + " 分 / 任务 " + Evidence.number(target) + " 分 = "
                + ratio().movePointRight(2).stripTrailingZeros().toPlainString() + "%，该部分满分 " + Evidence.number(worth);
    }
}
