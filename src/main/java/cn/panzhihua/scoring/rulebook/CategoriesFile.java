package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads categories.tsv: per category, its name and, per assessment, no / yes / 附件N (the table it is scored on). */
final class CategoriesFile {

    static final String NAME = "categories.tsv";
    private static final Pattern ATTACHMENT = Pattern.compile("附件\\s*(\\d+)");

    private CategoriesFile() {
    }

    static Map<String, Category> read(String text, String displayName, List<Table> tables) {
        Map<String, Category> categories = new LinkedHashMap<>();
        for (TsvFile.Row row : TsvFile.read(text, displayName, List.of("category", "name", "disclosure", "efficiency", "information"))) {
            String code = row.get("category");
            if (!code.matches("[A-Z][A-Z0-9_]*")) {
                throw row.invalid("a category code is written in capitals, digits and _ (such as MUNICIPAL_DEPARTMENT), not '" + code + "'");
            }
            Map<Assessment, Table> applies = new EnumMap<>(Assessment.class);
            for (Assessment assessment : Assessment.values()) {
                table(row, assessment, tables).ifPresent(t -> applies.put(assessment, t));
            }
            if (categories.putIfAbsent(code, new Category(code, row.get("name").isEmpty() ? code : row.get("name"), applies)) != null) {
                throw row.invalid("duplicate category '" + code + "'");
            }
        }
        return categories;
    }

    private static java.util.Optional<Table> table(TsvFile.Row row, Assessment assessment, List<Table> tables) {
        String column = assessment.jsonName();
        String cell = row.get(column);
        List<Table> ofAssessment = tables.stream().filter(t -> t.assessment() == assessment).toList();
        if (cell.equalsIgnoreCase("no")) {
            return java.util.Optional.empty();
        }
        if (cell.equalsIgnoreCase("yes")) {
            if (ofAssessment.size() != 1) {
                throw row.invalid(column + " is yes, but " + assessment + " has " + ofAssessment.size() + " tables in " + TablesFile.NAME
                        + ": name one, such as 附件1");
            }
            return java.util.Optional.of(ofAssessment.get(0));
        }
        Matcher attachment = ATTACHMENT.matcher(cell);
        if (attachment.matches()) {
            int number = Integer.parseInt(attachment.group(1));
            return java.util.Optional.of(ofAssessment.stream().filter(t -> t.attachment() != null && t.attachment() == number).findFirst()
                    .orElseThrow(() -> row.invalid(column + " names 附件" + number + ", which " + TablesFile.NAME + " does not list for " + assessment)));
        }
        throw row.invalid(column + " must be no, yes or a table such as 附件1, not '" + cell + "'" + (cell.isEmpty() ? "" : " (" + cell.toLowerCase(Locale.ROOT) + ")"));
    }
}
