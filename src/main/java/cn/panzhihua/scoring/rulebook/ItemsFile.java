package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.Item;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads items.tsv: each assessment's scored items; they must add up to 100 per assessment. */
final class ItemsFile {

    static final String NAME = "items.tsv";
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private ItemsFile() {
    }

    static List<Item> read(String text, String displayName) {
        List<Item> items = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Map<Assessment, BigDecimal> totals = new EnumMap<>(Assessment.class);
        for (TsvFile.Row row : TsvFile.read(text, displayName, List.of("assessment", "code", "max", "name"))) {
            Assessment assessment;
            try {
                assessment = Assessment.valueOf(row.get("assessment"));
            } catch (IllegalArgumentException e) {
                throw row.invalid("unknown assessment '" + row.get("assessment") + "'");
            }
            BigDecimal max;
            try {
                max = new BigDecimal(row.get("max"));
            } catch (NumberFormatException e) {
                throw row.invalid("max is not a number: '" + row.get("max") + "'");
            }
            if (max.signum() <= 0) {
                throw row.invalid("max must be positive: " + max);
            }
            if (!codes.add(row.get("code"))) {
                throw row.invalid("duplicate item code '" + row.get("code") + "'");
            }
            items.add(new Item(assessment, row.get("code"), row.get("name"), max));
            totals.merge(assessment, max, BigDecimal::add);
        }
        for (Assessment assessment : Assessment.values()) {
            BigDecimal total = totals.getOrDefault(assessment, BigDecimal.ZERO);
            if (total.compareTo(HUNDRED) != 0) {
                throw new RulebookException(displayName, 0, assessment + " items add up to " + total.toPlainString() + ", not 100");
            }
        }
        return List.copyOf(items);
    }
}
