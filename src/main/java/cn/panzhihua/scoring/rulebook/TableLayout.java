package cn.panzhihua.scoring.rulebook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One 考评表 as the source document lays it out, read from the rulebook's {@code tables/} folder
 * (one file per table of tables.tsv: {@code tables/disclosure.tsv}, {@code tables/information-2.tsv}):
 * its columns with the source's headings, and one row per scored item with the source's own words
 * for that table. The printed 考评表 and the console take every word of a table from here, so a
 * county's table quotes 附件2 and a municipal department's 附件1; Java only knows the columns' roles.
 *
 * @param file    the file's path in the rulebook folder
 * @param columns the printed columns, in the source's order
 * @param rows    the source's rows, in order; rows sharing a 序号 (and name) print as one merged cell
 */
public record TableLayout(Table table, String file, List<Column> columns, List<Row> rows) {

    /** What a column holds; the words of its heading are the rulebook's. */
    public enum Role {
        /** 序号 as the source numbers its rows. */
        NUMBER,
        /** 考核指标 / 考核内容: the item's name. */
        NAME,
        /** 分值. */
        MAX,
        /** 考核内容 where the source has it beside 评分标准. */
        CONTENT,
        /** 评分标准, word for word. */
        CRITERIA,
        /** 自评分, filled in when printed. */
        SELF,
        /** 考评分 (考核分), filled in when printed. */
        SCORE,
        /** 备注, filled in when printed (deduction reasons). */
        REMARK
    }

    public record Column(Role role, String heading) {
    }

    /** A row of the table: the item it scores and its cells by role (a "\n" in the file is a line break). */
    public record Row(int line, String item, Map<Role, String> cells) {

        public String cell(Role role) {
            return cells.getOrDefault(role, "");
        }
    }

    static final String FOLDER = "tables/";
    private static final String HEADING_ROW = "heading";
    private static final Pattern NUMBERED_TABLE = Pattern.compile("附件(\\d+)");

    /** Where a table's layout lives: tables/&lt;assessment&gt;.tsv, or tables/&lt;assessment&gt;-&lt;附件&gt;.tsv where it has several. */
    public static String path(Table table) {
        return FOLDER + table.assessment().name().toLowerCase(Locale.ROOT) + (table.attachment() == null ? "" : "-" + table.attachment()) + ".tsv";
    }

    /** The layout of {@code table} in {@code rulebook}; empty when the rulebook has no file for it (the gate says so). */
    public static Optional<TableLayout> of(Rulebook rulebook, Table table) {
        return of(rulebook.source(), table);
    }

    /**
     * @throws RulebookException when the file is there but malformed (the gate reports it with its line)
     */
    public static Optional<TableLayout> of(RulebookSource source, Table table) {
        String path = path(table);
        return source.file(path).map(text -> read(table, path, source.display(path), text));
    }

    private static TableLayout read(Table table, String path, String display, String text) {
        List<TsvFile.Row> lines = TsvFile.read(text, display, List.of("item", "number", "name", "max", "criteria"));
        List<Column> columns = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        TsvFile.Row headings = null;
        for (TsvFile.Row line : lines) {
            if (HEADING_ROW.equals(line.get("item"))) {
                headings = line;
                continue;
            }
            if (TsvFile.dash(line.get("item"))) {
                throw line.invalid("a row needs the item it scores (items.tsv), e.g. I-2.1");
            }
            Map<Role, String> cells = new EnumMap<>(Role.class);
            line.cells().forEach((column, value) -> {
                if (!column.equals("item")) {
                    cells.put(role(line, column), TsvFile.dash(value) ? "" : value.replace("\\n", "\n"));
                }
            });
            rows.add(new Row(line.line(), line.get("item"), cells));
        }
        if (headings == null) {
            throw new RulebookException(display, 0, "no `heading` row: it gives each column's heading as the source prints it");
        }
        for (Map.Entry<String, String> cell : headings.cells().entrySet()) {
            if (!cell.getKey().equals("item")) {
                columns.add(new Column(role(headings, cell.getKey()), cell.getValue()));
            }
        }
        return new TableLayout(table, path, List.copyOf(columns), List.copyOf(rows));
    }

    private static Role role(TsvFile.Row line, String column) {
        try {
            return Role.valueOf(column.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw line.invalid("unknown column '" + column + "': columns are item and " + List.of(Role.values()).toString().toLowerCase(Locale.ROOT));
        }
    }

    /** The row that scores {@code item}. */
    public Optional<Row> row(String item) {
        return rows.stream().filter(r -> r.item().equals(item)).findFirst();
    }

    public boolean has(Role role) {
        return columns.stream().anyMatch(c -> c.role() == role);
    }

    /**
     * Whether a rule's (or a table row's) {@code source} cites this table: it names the 考评表 (附件),
     * and where it numbers them (附件1、附件3) this table's number is among them.
     */
    public static boolean cites(String source, OptionalInt attachment) {
        if (source == null || !source.contains("附件")) {
            return false;
        }
        Matcher numbered = NUMBERED_TABLE.matcher(source);
        boolean anyNumber = false;
        while (numbered.find()) {
            anyNumber = true;
            if (attachment.isPresent() && Integer.parseInt(numbered.group(1)) == attachment.getAsInt()) {
                return true;
            }
        }
        return !anyNumber || attachment.isEmpty();
    }

    public OptionalInt attachment() {
        return table.attachment() == null ? OptionalInt.empty() : OptionalInt.of(table.attachment());
    }

    /**
     * Whether {@code quote} stands in {@code text} word for word, ignoring spacing, line breaks, the
     * width of brackets and punctuation, and the quote's closing punctuation.
     */
    public static boolean quotes(String text, String quote) {
        String q = plain(quote).replaceAll("[。；，：.;,:]+$", "");
        return q.isEmpty() || plain(text).contains(q);
    }

    static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u3000') {
                continue;
            }
            out.append(switch (c) {
                case '（' -> '(';
                case '）' -> ')';
                case '，' -> ',';
                case '；' -> ';';
                case '：' -> ':';
                case '。' -> '.';
                case '％' -> '%';
                default -> c;
            });
        }
        return out.toString();
    }
}
