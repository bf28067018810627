package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.rulebook.Rulebook;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The approve mode: after a deliberate change, what each failing scenario now expects, value by
 * value (old → new), and, when asked, the scenario files with exactly those values rewritten.
 * Only {@code values} and {@code points} are approved; a scenario whose request is rejected (or
 * that expects a rejection), or that fails on {@code fired}, {@code notFired}, {@code evidence} or its
 * {@code boundary}, is never rewritten: it is listed for the author to look at. A scenario whose
 * values change and that says {@code because} why it exists is listed too: its reason may no longer hold.
 */
final class Approval {

    /** One expected value that changed: where, what the scenario said, what the rules say now. */
    record Change(String section, String path, JsonNode expected, JsonNode actual) {

        String describe() {
            return (section.equals("values") ? "" : section + " ") + path + ": " + Plain.of(expected) + " → " + Plain.of(actual);
        }
    }

    /**
     * A failing scenario: the changes that can be approved, why it cannot be approved or should be
     * re-read, if so, and the numbers its name or {@code because} states that the change makes false.
     */
    record Review(ScenarioResult scenario, List<Change> changes, String notApprovable, String reread, List<String> falseNumbers) {

        Review(ScenarioResult scenario, List<Change> changes, String notApprovable, String reread) {
            this(scenario, changes, notApprovable, reread, List.of());
        }
    }

    private Approval() {
    }

    static List<Review> review(List<ScenarioResult> results) {
        return review(results, null);
    }

    /**
     * @param rulebook the rulebook the scenarios ran under: its tiers and monthly minimums say
     *                 whether a scenario sits on a boundary (null: not checked)
     */
    static List<Review> review(List<ScenarioResult> results, Rulebook rulebook) {
        List<Review> reviews = new ArrayList<>();
        for (ScenarioResult result : results) {
            if (result.passed()) {
                continue;
            }
            JsonNode scenario = result.scenario();
            if (scenario == null) {
                reviews.add(new Review(result, List.of(), "the scenario could not be read: " + String.join("; ", result.failures()), null));
                continue;
            }
            JsonNode expect = scenario.path("expect");
            if (result.rejected() || expect.has("error")) {
                reviews.add(new Review(result, List.of(), result.rejected() && !expect.has("error")
                        ? "its request is now rejected; approve never rewrites a rejected request: " + String.join("; ", result.failures())
                        : String.join("; ", result.failures()), null));
                continue;
            }
            List<Change> changes = new ArrayList<>();
            for (Map.Entry<String, JsonNode> value : expect.path("values").properties()) {
                JsonNode actual = ResponsePaths.find(result.response(), value.getKey());
                if (!ScenarioRunner.same(value.getValue(), actual)) {
                    changes.add(new Change("values", value.getKey(), value.getValue(), actual));
                }
            }
            for (Map.Entry<String, JsonNode> points : expect.path("points").properties()) {
                BigDecimal sum = BigDecimal.ZERO;
                for (JsonNode entry : result.response().path("trail")) {
                    if (points.getKey().equals(entry.path("clause").asText()) && entry.path("points").isNumber()) {
                        sum = sum.add(entry.path("points").decimalValue());
                    }
                }
                if (sum.compareTo(points.getValue().decimalValue()) != 0) {
                    changes.add(new Change("points", points.getKey(), points.getValue(), new ObjectMapper().getNodeFactory().numberNode(sum)));
                }
            }
            List<String> other = new ArrayList<>(result.failures().stream().filter(f -> !approvable(f)).toList());
            if (!changes.isEmpty() && rulebook != null) {
                other.addAll(Boundaries.movedOff(scenario, result.response(), rulebook));
            }
            String notApprovable = other.isEmpty() ? null : String.join("; ", other);
            String reread = null;
            if (!changes.isEmpty() && scenario.hasNonNull("because")) {
                reread = "because \"" + scenario.get("because").asText() + "\": its values change, does the reason still hold?";
            }
            reviews.add(new Review(result, changes, notApprovable, reread, StatedNumbers.madeFalse(scenario, changes, expect)));
        }
        return reviews;
    }

    /** Failures of values and points are approvable; those of fired, notFired, evidence and boundary are the author's to judge. */
    private static boolean approvable(String failure) {
        return !(failure.startsWith("fired ") || failure.startsWith("notFired ") || failure.startsWith("evidence ")
                || failure.startsWith("boundary ") || failure.startsWith("error.") || failure.startsWith("expected error")
                || failure.startsWith("given"));
    }

    /**
     * The scenario file's text with the approved values of its reviewed scenarios rewritten in
     * place (formatting, order and every other value kept).
     */
    static String rewrite(String text, List<Review> reviews, ObjectMapper mapper) throws IOException {
        String out = text;
        for (Review review : reviews) {
            if (review.notApprovable() != null || review.changes().isEmpty()) {
                continue;
            }
            int scenario = out.indexOf(mapper.writeValueAsString(review.scenario().name()));
            if (scenario < 0) {
                throw new IOException("cannot find scenario \"" + review.scenario().name() + "\" in " + review.scenario().file());
            }
            int expect = out.indexOf("\"expect\"", scenario);
            for (Change change : review.changes()) {
                int section = out.indexOf("\"" + change.section() + "\"", expect);
                int key = out.indexOf(mapper.writeValueAsString(change.path()), section);
                if (section < 0 || key < 0) {
                    throw new IOException("cannot find " + change.section() + " " + change.path() + " of \"" + review.scenario().name() + "\"");
                }
                Matcher value = VALUE.matcher(out);
                value.region(out.indexOf(':', key) + 1, out.length());
                if (!value.lookingAt()) {
                    throw new IOException("cannot read the value of " + change.path() + " in \"" + review.scenario().name() + "\"");
                }
                out = out.substring(0, value.start(1)) + Plain.json(change.actual()) + out.substring(value.end(1));
            }
        }
        mapper.readTree(out); // still JSON
        return out;
    }

    private static final Pattern VALUE = Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false|null|\"(?:[^\"\\\\]|\\\\.)*\")");

    /** Reviews grouped by scenario file, in file order. */
    static Map<String, List<Review>> byFile(List<Review> reviews) {
        Map<String, List<Review>> byFile = new LinkedHashMap<>();
        reviews.forEach(r -> byFile.computeIfAbsent(r.scenario().file(), f -> new ArrayList<>()).add(r));
        return byFile;
    }
}
