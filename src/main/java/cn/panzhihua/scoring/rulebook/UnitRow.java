package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.UnitYear;

import java.math.BigDecimal;
import java.util.Set;

/**
 * One row of units.tsv: a unit, its category (categories.tsv), its adoption targets and the
 * assessments that apply to it (its category's, less any its own row takes out).
 */
public record UnitRow(String name, String category, BigDecimal municipalTarget, BigDecimal provincialTarget,
                      Set<Assessment> assessments, Table informationTable, String note) {

    public UnitRow {
        assessments = Set.copyOf(assessments);
    }

    public boolean applies(Assessment assessment) {
        return assessments.contains(assessment);
    }

    public UnitYear forYear(int year) {
        int table = informationTable == null || informationTable.attachment() == null ? 0 : informationTable.attachment();
        int minimum = informationTable == null || informationTable.monthlyMinimum() == null ? 0 : informationTable.monthlyMinimum();
        return new UnitYear(name, category, year, municipalTarget, provincialTarget, applies(Assessment.DISCLOSURE),
                applies(Assessment.EFFICIENCY), table, minimum);
    }
}
