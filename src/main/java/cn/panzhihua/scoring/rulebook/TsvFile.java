package cn.panzhihua.scoring.rulebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A tab-separated rulebook data file: '#' comment lines, one header line, then rows. Rows keep
 * their line numbers so a bad value can be reported as file:line.
 */
final class TsvFile {

    record Row(String file, int line, Map<String, String> cells) {

        String get(String column) {
            return cells.get(column);
        }

        RulebookException invalid(String message) {
            return new RulebookException(file, line, message);
        }
    }

    private TsvFile() {
    }

    /** An empty cell or "-": no value. */
    static boolean dash(String cell) {
        return cell == null || cell.isEmpty() || cell.equals("-");
    }

    static java.math.BigDecimal number(Row row, String column) {
        try {
            return new java.math.BigDecimal(row.get(column));
        } catch (NumberFormatException e) {
            throw row.invalid(column + " is not a number: '" + row.get(column) + "'");
        }
    }

    static java.math.BigDecimal optionalNumber(Row row, String column) {
        return dash(row.get(column)) ? null : number(row, column);
    }

    static int whole(Row row, String column) {
        try {
            return Integer.parseInt(row.get(column));
        } catch (NumberFormatException e) {
            throw row.invalid(column + " must be a whole number, not '" + row.get(column) + "'");
        }
    }

    static Integer optionalWhole(Row row, String column) {
        return dash(row.get(column)) ? null : whole(row, column);
    }

    static boolean yesNo(Row row, String column) {
        return switch (row.get(column)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw row.invalid(column + " must be yes or no, not '" + row.get(column) + "'");
        };
    }

    static <E extends Enum<E>> E enumValue(Row row, String column, Class<E> type) {
        try {
            return Enum.valueOf(type, row.get(column).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw row.invalid(column + " '" + row.get(column) + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    static List<Row> read(String text, String displayName, List<String> requiredColumns) {
        List<String> lines = text.lines().toList();
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = Arrays.asList(line.split("\t", -1));
            if (header == null) {
                header = cells.stream().map(String::strip).toList();
                for (String column : requiredColumns) {
                    if (!header.contains(column)) {
                        throw new RulebookException(displayName, i + 1, "header lacks column '" + column + "' (has " + header + ")");
                    }
                }
                continue;
            }
            if (cells.size() > header.size()) {
                throw new RulebookException(displayName, i + 1, "row has " + cells.size() + " cells, the header " + header.size());
            }
            Map<String, String> byColumn = new java.util.LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                byColumn.put(header.get(c), c < cells.size() ? cells.get(c).strip() : "");
            }
            rows.add(new Row(displayName, i + 1, byColumn));
        }
        if (header == null) {
            throw new RulebookException(displayName, 0, "no header line");
        }
        return rows;
    }
}
