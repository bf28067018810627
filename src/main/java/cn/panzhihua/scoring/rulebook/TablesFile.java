package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads tables.tsv: each assessment's 考评表, told apart by 附件 number when an assessment has several. */
final class TablesFile {

    static final String NAME = "tables.tsv";

    private TablesFile() {
    }

    static List<Table> read(String text, String displayName) {
        List<Table> tables = new ArrayList<>();
        for (TsvFile.Row row : TsvFile.read(text, displayName, List.of("assessment", "attachment", "title", "item_heading"))) {
            Assessment assessment;
            try {
                assessment = Assessment.valueOf(row.get("assessment").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw row.invalid("unknown assessment '" + row.get("assessment") + "'");
            }
            Integer attachment = TsvFile.optionalWhole(row, "attachment");
            if (row.get("title").isEmpty()) {
                throw row.invalid("a table needs its title, as the document has it");
            }
            for (Table other : tables) {
                if (other.assessment() == assessment && (other.attachment() == null || attachment == null || other.attachment().equals(attachment))) {
                    throw row.invalid(assessment + " has several tables: each needs its own 附件 number (attachment)");
                }
            }
            Integer minimum = row.cells().containsKey("monthly_minimum") ? TsvFile.optionalWhole(row, "monthly_minimum") : null;
            tables.add(new Table(assessment, attachment, row.get("title"), row.get("item_heading"), minimum));
        }
        return List.copyOf(tables);
    }
}
