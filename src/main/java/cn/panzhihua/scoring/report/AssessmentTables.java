package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.rulebook.Category;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which 考评表 a unit is scored on, as the rulebook says (categories.tsv names each category's
 * table per assessment, tables.tsv titles them): its title, its 附件 number where the assessment
 * has several, and its second column's heading.
 */
final class AssessmentTables {

    private final Rulebook rulebook;

    AssessmentTables(Rulebook rulebook) {
        this.rulebook = rulebook;
    }

    String title(Assessment assessment, String category) {
        return table(assessment, category).map(Table::title).orElse("");
    }

    /** The number of the 附件 the unit's table is, where the assessment has numbered tables. */
    OptionalInt attachment(Assessment assessment, String category) {
        return table(assessment, category).map(Table::attachment).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** The second column's heading as the document's table has it. */
    String itemHeading(Assessment assessment, String category) {
        return table(assessment, category).map(Table::itemHeading).orElse("");
    }

    /** How the document names a category (a code the rulebook no longer lists is shown as it is). */
    String categoryName(String category) {
        return SummaryColumns.categoryLabel(rulebook, category);
    }

    /** The rulebook's categories, code → name, in circulation order. */
    static Map<String, String> categoryNames(Rulebook rulebook) {
        Map<String, String> names = new LinkedHashMap<>();
        rulebook.categories().values().forEach(c -> names.put(c.code(), c.name()));
        return names;
    }

    private Optional<Table> table(Assessment assessment, String category) {
        return rulebook.category(category).flatMap(c -> c.table(assessment));
    }
}
