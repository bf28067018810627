package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * The unit being evaluated, as its row in the rulebook's units.tsv and its category's row in
 * categories.tsv say, for one year. {@code informationTable} is the 附件 number of the
 * information table its category is scored on (0 when information does not apply), and
 * {@code monthlyMinimum} that table's monthly submission minimum (0 when it has none).
 */
public record UnitYear(String unit, String category, int year,
                       BigDecimal municipalTarget, BigDecimal provincialTarget,
                       boolean disclosure, boolean efficiency, int informationTable, int monthlyMinimum) {

    public boolean hasProvincialTask() {
        return provincialTarget.signum() > 0;
    }
}
