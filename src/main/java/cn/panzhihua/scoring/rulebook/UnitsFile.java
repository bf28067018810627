package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks units.tsv (table C): known categories, non-negative targets, no duplicates, the
 * expected count. A unit's disclosure and efficiency columns may take out an assessment its
 * category applies (SPEC section 5, note 6), never add one.
 */
final class UnitsFile {

    static final String NAME = "units.tsv";

    private UnitsFile() {
    }

    static Map<String, UnitRow> read(String text, String displayName, int expectedCount, Map<String, Category> categories) {
        List<TsvFile.Row> rows = TsvFile.read(text, displayName,
                List.of("name", "category", "municipal_target", "provincial_target", "disclosure", "efficiency"));
        Map<String, UnitRow> units = new LinkedHashMap<>();
        for (TsvFile.Row row : rows) {
            UnitRow unit = parse(row, categories);
            if (units.putIfAbsent(unit.name(), unit) != null) {
                throw row.invalid("duplicate unit '" + unit.name() + "'");
            }
        }
        if (units.size() != expectedCount) {
            throw new RulebookException(displayName, 0,
                    "lists " + units.size() + " units, rulebook.properties expects units.count=" + expectedCount);
        }
        return units;
    }

    private static UnitRow parse(TsvFile.Row row, Map<String, Category> categories) {
        String name = row.get("name");
        if (name.isEmpty()) {
            throw row.invalid("empty unit name");
        }
        Category category = categories.get(row.get("category"));
        if (category == null) {
            throw row.invalid("unknown category '" + row.get("category") + "' (" + CategoriesFile.NAME + " lists " + categories.keySet() + ")");
        }
        BigDecimal municipal = target(row, "municipal_target");
        if (municipal.signum() == 0) {
            throw row.invalid("municipal_target is 0: every unit has a municipal adoption task");
        }
        Set<Assessment> assessments = EnumSet.noneOf(Assessment.class);
        for (Assessment assessment : Assessment.values()) {
            String column = assessment.jsonName();
            boolean own = !row.cells().containsKey(column) || TsvFile.yesNo(row, column);
            if (own && !category.applies(assessment) && row.cells().containsKey(column)) {
                throw row.invalid(column + " is yes, but category " + category.code() + " is not assessed on " + column
                        + " (" + CategoriesFile.NAME + "); a unit can take an assessment out, not add one");
            }
            if (own && category.applies(assessment)) {
                assessments.add(assessment);
            }
        }
        return new UnitRow(name, category.code(), municipal, target(row, "provincial_target"), assessments,
                category.table(Assessment.INFORMATION).orElse(null), row.cells().getOrDefault("note", ""));
    }

    private static BigDecimal target(TsvFile.Row row, String column) {
        BigDecimal value = TsvFile.number(row, column);
        if (value.signum() < 0) {
            throw row.invalid(column + " is negative: " + value);
        }
        return value;
    }
}
