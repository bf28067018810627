package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/**
 * The unit being evaluated, as its row in the rulebook's units.tsv and its category's row in
 * categories.tsv say, for one year. {@code informationTable} is the 附件 number of the
 * information table its category is scored on (0 when information does not apply), and
 * {@code monthlyMinimum} that table's monthly submission minimum (0 when it has none).
 *
 * @param unit the unit's name as in table C
 * @param category its category's code (categories.tsv)
 * @param year the evaluated year
 * @param municipalTarget its municipal adoption target
 * @param provincialTarget its provincial adoption target (0: no provincial task)
 * @param disclosure whether disclosure applies to it
 * @param efficiency whether efficiency applies to it
 * @param informationTable the 附件 number of its information table (0: none)
 * @param monthlyMinimum that table's monthly submission minimum (0: none)
 */
public record UnitYear(String unit, String category, int year,
                       BigDecimal municipalTarget, BigDecimal provincialTarget,
                       boolean disclosure, boolean efficiency, int informationTable, int monthlyMinimum) {

    public boolean hasProvincialTask() {
        return provincialTarget.signum() > 0;
    }
}
