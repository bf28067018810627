package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Category;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and checks units.tsv (table C): known categories, non-negative targets, no duplicates, the expected count. */
final class UnitsFile {

    static final String NAME = "units.tsv";

    private UnitsFile() {
    }

    static Map<String, UnitRow> read(String text, String displayName, int expectedCount) {
        List<TsvFile.Row> rows = TsvFile.read(text, displayName,
                List.of("name", "category", "municipal_target", "provincial_target", "disclosure", "efficiency"));
        Map<String, UnitRow> units = new LinkedHashMap<>();
        for (TsvFile.Row row : rows) {
            UnitRow unit = parse(row);
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

    private static UnitRow parse(TsvFile.Row row) {
        String name = row.get("name");
        if (name.isEmpty()) {
            throw row.invalid("empty unit name");
        }
        Category category;
        try {
            category = Category.valueOf(row.get("category"));
        } catch (IllegalArgumentException e) {
            throw row.invalid("unknown category '" + row.get("category") + "' (known: " + Arrays.toString(Category.values()) + ")");
        }
        BigDecimal municipal = target(row, "municipal_target");
        if (municipal.signum() == 0) {
            throw row.invalid("municipal_target is 0: every unit has a municipal adoption task");
        }
        return new UnitRow(name, category, municipal, target(row, "provincial_target"),
                yesNo(row, "disclosure"), yesNo(row, "efficiency"), row.cells().getOrDefault("note", ""));
    }

    private static BigDecimal target(TsvFile.Row row, String column) {
        try {
            BigDecimal value = new BigDecimal(row.get(column));
            if (value.signum() < 0) {
                throw row.invalid(column + " is negative: " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw row.invalid(column + " is not a number: '" + row.get(column) + "'");
        }
    }

    private static boolean yesNo(TsvFile.Row row, String column) {
        return switch (row.get(column)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw row.invalid(column + " must be yes or no, not '" + row.get(column) + "'");
        };
    }
}
