package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.rulebook.Clause;
import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;

import java.util.LinkedHashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 评分标准 cell of an item: the Chinese texts of the rulebook's rules on the item's clauses,
 * so the sheet quotes exactly what was applied rather than a second copy of the document.
 */
final class ScoringCriteria {

    /** The 考评表 are the documents' 附件; a rule whose source cites none is not a line of a table. */
    private static final String TABLE = "附件";
    private static final Pattern NUMBERED_TABLE = Pattern.compile("附件(\\d+)");

    private final Rulebook rulebook;

    ScoringCriteria(Rulebook rulebook) {
        this.rulebook = rulebook;
    }

    /** The 考评表 of the same rulebook: titles, 附件 numbers, headings. */
    AssessmentTables tables() {
        return new AssessmentTables(rulebook);
    }

    /**
     * Texts in rule order, duplicates dropped, one per line.
     * Only rules citing a 考评表 count: item I-3 is also served by the channel rules of the
     * 采用计分标准 (part D), which tally adoption points and are not the table's 评分标准.
     * Where a source names numbered tables (附件1、附件3), only rules citing the unit's table count,
     * so a county's sheet shows "不少于 8 条" and not also the municipal "不少于 6 条".
     */
    String of(String itemCode, OptionalInt attachment) {
        Set<String> texts = new LinkedHashSet<>();
        for (RuleInfo rule : rulebook.rules()) {
            if ("tiers".equals(rule.quotes()) && onItem(rule, itemCode)) {
                // A rule that applies the tier table quotes its rows: they are the table's lines.
                rulebook.tiers().stream().filter(t -> t.item().equals(itemCode) && citesTable(t.source(), attachment))
                        .forEach(t -> texts.add(t.text().strip()));
            } else if (rule.text() != null && !rule.text().isBlank() && onItem(rule, itemCode)
                    && citesTable(rule.source(), attachment)) {
                texts.add(rule.text().strip());
            }
        }
        return String.join("\n", texts);
    }

    private boolean onItem(RuleInfo rule, String itemCode) {
        return rule.clause() != null && rulebook.clause(rule.clause()).map(Clause::item).filter(itemCode::equals).isPresent();
    }

    static boolean citesTable(String source, OptionalInt attachment) {
        if (source == null || !source.contains(TABLE)) {
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
}
