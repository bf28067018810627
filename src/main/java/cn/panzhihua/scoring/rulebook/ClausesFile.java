package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads clauses.tsv, the rulebook's clause list. */
final class ClausesFile {

    static final String NAME = "clauses.tsv";

    private ClausesFile() {
    }

    static Map<String, Clause> read(String text, String displayName, Set<String> itemCodes) {
        Map<String, Clause> clauses = new LinkedHashMap<>();
        for (TsvFile.Row row : TsvFile.read(text, displayName, List.of("code", "assessment", "item", "kind", "input", "points", "name"))) {
            Clause clause = parse(row, itemCodes);
            if (clauses.putIfAbsent(clause.code(), clause) != null) {
                throw row.invalid("duplicate clause code '" + clause.code() + "'");
            }
        }
        return clauses;
    }

    private static Clause parse(TsvFile.Row row, Set<String> itemCodes) {
        String code = row.get("code");
        if (code.isEmpty()) {
            throw row.invalid("empty clause code");
        }
        Assessment assessment = dash(row.get("assessment")) ? null : enumValue(row, "assessment", Assessment.class);
        String item = dash(row.get("item")) ? null : row.get("item");
        if (item != null && !itemCodes.contains(item)) {
            throw row.invalid("clause " + code + " names item '" + item + "', which items.tsv does not list");
        }
        Clause.Kind kind = enumValue(row, "kind", Clause.Kind.class);
        Clause.Input input = dash(row.get("input")) ? Clause.Input.DERIVED : enumValue(row, "input", Clause.Input.class);
        if (input != Clause.Input.DERIVED && assessment == null) {
            throw row.invalid("clause " + code + " is a caller input but names no assessment");
        }
        if (kind == Clause.Kind.CHANNEL || input == Clause.Input.CHANNEL) {
            throw row.invalid("adoption channels are listed in " + ChannelsFile.NAME + ", not here");
        }
        String counting = row.cells().getOrDefault("counting", "-");
        if (!dash(counting) && !counting.equals("once") && !counting.equals("each")) {
            throw row.invalid("counting must be once (a yes/no line) or each (per occurrence), not '" + counting + "'");
        }
        BigDecimal points = null;
        if (!dash(row.get("points"))) {
            try {
                points = new BigDecimal(row.get("points"));
            } catch (NumberFormatException e) {
                throw row.invalid("points is not a number: '" + row.get("points") + "'");
            }
        }
        if (points != null && item == null) {
            throw row.invalid("clause " + code + " moves points but names no item to take them from");
        }
        return new Clause(code, assessment, item, kind, input, points, counting.equals("each"), row.get("name"));
    }

    private static boolean dash(String cell) {
        return cell.isEmpty() || cell.equals("-");
    }

    private static <E extends Enum<E>> E enumValue(TsvFile.Row row, String column, Class<E> type) {
        try {
            return Enum.valueOf(type, row.get(column).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw row.invalid(column + " '" + row.get(column) + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
