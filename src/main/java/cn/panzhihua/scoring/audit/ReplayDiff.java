package cn.panzhihua.scoring.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What would change if a stored evaluation were made again under today's rulebook: every number of
 * the response that differs, and, line by line, the points each clause moved then and now.
 */
public final class ReplayDiff {

    /** A number of the response, by path: {@code disclosure.score}, {@code efficiency.items[E-2]}, … */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ValueChange(String path, JsonNode stored, JsonNode replayed) {
    }

    /** The points a clause moved, per kind of effect (a DEDUCTION line, a CONVERSION, …). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ClauseChange(String clause, String kind, BigDecimal stored, BigDecimal replayed, BigDecimal delta) {

        /** Present in one trail only, or with other points. */
        public boolean changed() {
            return stored == null || replayed == null || stored.compareTo(replayed) != 0;
        }
    }

    private ReplayDiff() {
    }

    public static List<ValueChange> values(JsonNode stored, JsonNode replayed) {
        List<ValueChange> changes = new ArrayList<>();
        compare(changes, "totalContribution", stored.get("totalContribution"), replayed.get("totalContribution"));
        for (String assessment : List.of("disclosure", "efficiency", "information")) {
            JsonNode s = stored.path(assessment);
            JsonNode r = replayed.path(assessment);
            for (String field : List.of("applicable", "score", "vetoed", "contribution")) {
                compare(changes, assessment + "." + field, s.get(field), r.get(field));
            }
            Map<String, JsonNode> storedItems = items(s);
            Map<String, JsonNode> replayedItems = items(r);
            Set<String> codes = new TreeSet<>(storedItems.keySet());
            codes.addAll(replayedItems.keySet());
            for (String code : codes) {
                compare(changes, assessment + ".items[" + code + "]", storedItems.get(code), replayedItems.get(code));
            }
            for (String level : List.of("municipal", "provincial")) {
                for (String field : List.of("target", "earned", "score", "tier")) {
                    compare(changes, assessment + ".adoption." + level + "." + field,
                            s.path("adoption").path(level).get(field), r.path("adoption").path(level).get(field));
                }
            }
        }
        return changes;
    }

    /** The clauses whose points differ between the two trails (or that appear in only one). */
    public static List<ClauseChange> clauses(JsonNode stored, JsonNode replayed) {
        return allClauses(stored, replayed).stream().filter(ClauseChange::changed).toList();
    }

    /** Every clause of either trail with the points it moved in each, changed or not: a side-by-side view. */
    public static List<ClauseChange> allClauses(JsonNode stored, JsonNode replayed) {
        Map<String, BigDecimal> before = pointsByClause(stored.path("trail"));
        Map<String, BigDecimal> after = pointsByClause(replayed.path("trail"));
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<ClauseChange> all = new ArrayList<>();
        for (String key : keys) {
            BigDecimal s = before.get(key);
            BigDecimal r = after.get(key);
            String[] parts = key.split("\t");
            BigDecimal delta = (r == null ? BigDecimal.ZERO : r).subtract(s == null ? BigDecimal.ZERO : s);
            all.add(new ClauseChange(parts[0], parts[1], s, r, delta));
        }
        return all;
    }

    private static Map<String, BigDecimal> pointsByClause(JsonNode trail) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (JsonNode entry : trail) {
            String key = entry.path("clause").asText() + "\t" + entry.path("kind").asText()
                    + (entry.hasNonNull("level") ? " " + entry.get("level").asText() : "");
            BigDecimal points = entry.path("points").isNumber() ? entry.get("points").decimalValue() : BigDecimal.ZERO;
            sums.merge(key, points, BigDecimal::add);
        }
        return sums;
    }

    private static Map<String, JsonNode> items(JsonNode assessment) {
        Map<String, JsonNode> items = new TreeMap<>();
        assessment.path("items").forEach(i -> items.put(i.path("code").asText(), i.get("score")));
        return items;
    }

    private static void compare(List<ValueChange> changes, String path, JsonNode stored, JsonNode replayed) {
        boolean same = stored != null && replayed != null && stored.isNumber() && replayed.isNumber()
                ? stored.decimalValue().compareTo(replayed.decimalValue()) == 0
                : Objects.equals(stored, replayed);
        if (!same) {
            changes.add(new ValueChange(path, stored, replayed));
        }
    }
}
