package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.Category;
import cn.panzhihua.scoring.facts.UnitYear;

import java.math.BigDecimal;

/** One row of units.tsv: a unit, its category, its adoption targets and which assessments apply. */
public record UnitRow(String name, Category category, BigDecimal municipalTarget, BigDecimal provincialTarget,
                      boolean disclosure, boolean efficiency, String note) {

    /** Information (part E) covers all 72 units; the other two are per row. */
    public boolean applies(Assessment assessment) {
        return switch (assessment) {
            case DISCLOSURE -> disclosure;
            case EFFICIENCY -> efficiency;
            case INFORMATION -> true;
        };
    }

    public UnitYear forYear(int year) {
        return new UnitYear(name, category, year, municipalTarget, provincialTarget, disclosure, efficiency);
    }
}
