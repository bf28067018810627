package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.facts.Item;
import cn.panzhihua.scoring.facts.Tier;
import cn.panzhihua.scoring.rulebook.Clause;
import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookException;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.Table;
import cn.panzhihua.scoring.rulebook.TableLayout;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gate's check of the printed 考评表 (tables/*.tsv) against the rulebook: every table of
 * tables.tsv has its layout; each layout has one row per item of its assessment, with the item's
 * 分值; and every rule (and tier row) that cites a table quotes words that stand in that table's
 * row for its item, so a rule citing 附件2 cannot quote 附件1's "少得" where 附件2 says "扣".
 */
final class TableTexts {

    private TableTexts() {
    }

    static List<RulebookProblem> of(Rulebook rulebook) {
        List<RulebookProblem> problems = new ArrayList<>();
        for (Table table : rulebook.tables()) {
            Optional<TableLayout> read;
            try {
                read = TableLayout.of(rulebook, table);
            } catch (RulebookException e) {
                problems.addAll(e.problems());
                continue;
            }
            String display = rulebook.source().display(TableLayout.path(table));
            if (read.isEmpty()) {
                problems.add(new RulebookProblem(display, 0, 0, "missing: the table \"" + table.title()
                        + "\" needs its layout and the source's words for each row, so printed 考评表 quote it"));
                continue;
            }
            TableLayout layout = read.get();
            rows(rulebook, layout, display, problems);
            quotes(rulebook, layout, display, problems);
        }
        return problems;
    }

    private static void rows(Rulebook rulebook, TableLayout layout, String display, List<RulebookProblem> problems) {
        List<Item> items = rulebook.items(layout.table().assessment());
        Set<String> codes = items.stream().map(Item::code).collect(Collectors.toSet());
        for (TableLayout.Row row : layout.rows()) {
            if (!codes.contains(row.item())) {
                problems.add(new RulebookProblem(display, row.line(), 0, "row names item " + row.item() + ", which is not an item of "
                        + layout.table().assessment() + " in items.tsv " + codes.stream().sorted().toList()));
            }
        }
        for (Item item : items) {
            List<TableLayout.Row> rows = layout.rows().stream().filter(r -> r.item().equals(item.code())).toList();
            if (rows.size() != 1) {
                problems.add(new RulebookProblem(display, 0, 0, "item " + item.code() + " (" + item.name() + ") has " + rows.size()
                        + " rows; each item is one row of the table"));
                continue;
            }
            TableLayout.Row row = rows.get(0);
            String max = row.cell(TableLayout.Role.MAX);
            try {
                if (new BigDecimal(max.strip()).compareTo(item.max()) != 0) {
                    problems.add(new RulebookProblem(display, row.line(), 0, "item " + item.code() + ": 分值 " + max
                            + " but items.tsv says " + item.max().toPlainString()));
                }
            } catch (NumberFormatException e) {
                problems.add(new RulebookProblem(display, row.line(), 0, "item " + item.code() + ": 分值 '" + max + "' is not a number"));
            }
        }
    }

    /**
     * Each rule (and tier row) citing the table states only numbers that the table's row for its item
     * states. The words may differ where the tables differ (附件1 "此项少得 3 分", 附件2 "扣 3 分"; each
     * printed table shows its own), the numbers may not: a county table saying "扣 4 分" while the rule
     * applied to counties quotes 3 fails the gate.
     */
    private static void quotes(Rulebook rulebook, TableLayout layout, String display, List<RulebookProblem> problems) {
        for (RuleInfo rule : rulebook.rules()) {
            if (rule.clause() == null || !TableLayout.cites(rule.source(), layout.attachment())) {
                continue;
            }
            Optional<Clause> clause = rulebook.clause(rule.clause());
            if (clause.isEmpty() || clause.get().assessment() != layout.table().assessment() || clause.get().item() == null
                    || (clause.get().kind() != Clause.Kind.LINE && clause.get().kind() != Clause.Kind.FINDING)) {
                continue;
            }
            String item = clause.get().item();
            BigDecimal max = rulebook.items(layout.table().assessment()).stream().filter(i -> i.code().equals(item))
                    .map(Item::max).findFirst().orElse(null);
            String words = words(layout, item);
            Set<String> stated = stated(words, max);
            if ("tiers".equals(rule.quotes())) {
                for (Tier tier : rulebook.tiers()) {
                    if (tier.item().equals(item) && TableLayout.cites(tier.source(), layout.attachment())) {
                        Set<String> missing = new java.util.TreeSet<>(stated(tier.text(), max));
                        missing.removeAll(stated);
                        if (!missing.isEmpty()) {
                            problems.add(new RulebookProblem(rulebook.source().display("tiers.tsv"), 0, 0, "tier " + tier.threshold() + "% of "
                                    + item + " cites " + layout.table().title() + " and quotes " + missing + " (\"" + tier.text()
                                    + "\"), which that table's row does not state (" + display + ")"));
                        }
                    }
                }
            } else if (rule.text() != null) {
                Set<String> missing = new java.util.TreeSet<>(stated(rule.text(), max));
                missing.removeAll(stated);
                if (!missing.isEmpty()) {
                    problems.add(new RulebookProblem(rule.file(), rule.line(), 0, "rule \"" + rule.name() + "\" cites " + layout.table().title()
                            + " and quotes " + missing + " (\"" + rule.text() + "\"), which that table's row for " + item + " does not state ("
                            + display + ")"));
                }
            }
        }
    }

    private static final java.util.regex.Pattern POINTS = java.util.regex.Pattern.compile("(?:扣|少得)\\s*(\\d+(?:\\.\\d+)?)\\s*分(?!数)");
    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("不得分|分数扣完");
    private static final java.util.regex.Pattern SHARE = java.util.regex.Pattern.compile("(扣|得)\\s*(\\d+)\\s*[%％]\\s*分数");

    /**
     * The deductions a text states, as numbers: "扣 5 分" and "少得 5 分" are 5 points, "不得分" the
     * item's whole 分值, "得 70% 分数" and "扣 30% 分数" both a 70% share.
     */
    static Set<String> stated(String text, BigDecimal max) {
        Set<String> numbers = new java.util.TreeSet<>();
        java.util.regex.Matcher m = POINTS.matcher(text);
        while (m.find()) {
            numbers.add(new BigDecimal(m.group(1)).stripTrailingZeros().toPlainString() + " 分");
        }
        if (max != null && WHOLE.matcher(text).find()) {
            numbers.add(max.stripTrailingZeros().toPlainString() + " 分");
        }
        m = SHARE.matcher(text);
        while (m.find()) {
            int n = Integer.parseInt(m.group(2));
            numbers.add((m.group(1).equals("得") ? n : 100 - n) + "%");
        }
        return numbers;
    }

    private static String words(TableLayout layout, String item) {
        return layout.rows().stream().filter(r -> item == null || item.equals("-") || r.item().equals(item))
                .map(r -> r.cell(TableLayout.Role.CONTENT) + "\n" + r.cell(TableLayout.Role.CRITERIA))
                .collect(Collectors.joining("\n"));
    }
}
