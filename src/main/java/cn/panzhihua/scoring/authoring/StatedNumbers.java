package cn.panzhihua.scoring.authoring;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers a scenario's name and {@code because} state, checked against a change approve is
 * about to make: a number that is an expected value the change replaces (and no value the scenario
 * still expects) is now false in the text, e.g. "4 + 10 = 14" once 《攀政快讯》 earns 5 and the tally
 * is 15. Nothing checks worked arithmetic in prose otherwise, so the author is told before {@code --write}.
 */
final class StatedNumbers {

    /**
     * A number as prose states it: not part of a clause code (I-2.1, E-3) or a word, sign left out
     * (texts write − for minus; values are compared by size).
     */
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z0-9.\\-])(\\d+(?:\\.\\d+)?)(?![0-9A-Za-z])");

    private StatedNumbers() {
    }

    /** One line per text and number made false: where, which number, which value it was and what the value is now. */
    static List<String> madeFalse(JsonNode scenario, List<Approval.Change> changes, JsonNode expect) {
        if (changes.isEmpty()) {
            return List.of();
        }
        Set<BigDecimal> stillTrue = new java.util.TreeSet<>();
        for (Map.Entry<String, JsonNode> value : expect.path("values").properties()) {
            boolean changed = changes.stream().anyMatch(c -> c.section().equals("values") && c.path().equals(value.getKey()));
            if (!changed && value.getValue().isNumber()) {
                stillTrue.add(value.getValue().decimalValue().abs());
            }
        }
        for (Approval.Change c : changes) {
            if (c.actual() != null && c.actual().isNumber()) {
                stillTrue.add(c.actual().decimalValue().abs());
            }
        }
        List<String> found = new ArrayList<>();
        for (String field : List.of("name", "because")) {
            if (!scenario.hasNonNull(field)) {
                continue;
            }
            Set<String> said = new LinkedHashSet<>();
            Matcher m = NUMBER.matcher(scenario.get(field).asText());
            while (m.find()) {
                BigDecimal stated = new BigDecimal(m.group(1));
                if (contains(stillTrue, stated)) {
                    continue;
                }
                for (Approval.Change c : changes) {
                    if (c.expected() != null && c.expected().isNumber() && c.expected().decimalValue().abs().compareTo(stated) == 0
                            && said.add(m.group(1))) {
                        found.add("its " + field + " says " + m.group(1) + ", which was " + c.path() + " and is now " + Plain.of(c.actual()));
                    }
                }
            }
        }
        return found;
    }

    private static boolean contains(Set<BigDecimal> values, BigDecimal v) {
        return values.stream().anyMatch(x -> x.compareTo(v) == 0);
    }
}
