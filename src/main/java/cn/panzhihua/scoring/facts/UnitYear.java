package cn.panzhihua.scoring.facts;

import java.math.BigDecimal;

/** The unit being evaluated, as its row in the rulebook's units.tsv says, for one year. */
public record UnitYear(String unit, Category category, int year,
                       BigDecimal municipalTarget, BigDecimal provincialTarget,
                       boolean disclosure, boolean efficiency) {

    public boolean hasProvincialTask() {
        return provincialTarget.signum() > 0;
    }
}
