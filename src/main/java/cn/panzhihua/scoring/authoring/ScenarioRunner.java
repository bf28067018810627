package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.evaluation.EvaluationInput;
import cn.panzhihua.scoring.evaluation.EvaluationRequest;
import cn.panzhihua.scoring.evaluation.Evaluator;
import cn.panzhihua.scoring.evaluation.RunawayRulesException;
import cn.panzhihua.scoring.evaluation.RequestValidator;
import cn.panzhihua.scoring.evaluation.ResponseAssembler;
import cn.panzhihua.scoring.evaluation.TrailEntry;
import cn.panzhihua.scoring.facts.Effect;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.DrlCompiler;
import cn.panzhihua.scoring.rulebook.Rulebook;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the scenario files of a rulebook ({@code *.scenarios.json}, kept beside the DRL they
 * test) through the same validation, rules and response shaping as the API, without a server.
 *
 * <p>A scenario file is {@code {"scenarios": [{"name", "given", "expect"}]}}. {@code given} is a
 * request body; its {@code year} defaults to the rulebook's and its {@code information} to a clean
 * year (8 submissions every month, no adoptions). {@code expect} may hold:
 * <ul>
 * <li>{@code values}: response paths and their exact values, e.g. {@code "disclosure.score": 97.5},
 *     {@code "disclosure.items[D-1]": 7.5} (an item's score by code), {@code "information.adoption.municipal.tier": 70};</li>
 * <li>{@code fired}: clause codes that must be in the trail, each as many times as listed;</li>
 * <li>{@code notFired}: clause codes that must not be in the trail;</li>
 * <li>{@code points}: clause code → the sum of the points of its trail entries;</li>
 * <li>{@code evidence}: clause code → the evidence list of its (first) trail entry;</li>
 * <li>{@code error}: instead of a response, the request must be rejected: {@code {"status": 400, "field": "..."}}.</li>
 * </ul>
 * A scenario may also say why it exists: {@code because} (free text the approve mode shows when
 * its values change) and {@code boundary} (response paths and the values it sits at, checked on
 * every run). The JSON Schema docs/scenarios.schema.json describes the format.
 */
public final class ScenarioRunner {

    private final ObjectMapper mapper;

    public ScenarioRunner() {
        mapper = JsonSetup.mapper();
    }

    /**
     * Every scenario of the rulebook, reported file by file in path order, as the rulebook was built.
     * Files run in parallel (a reload waits on them); each scenario has its own session, so they cannot meet.
     */
    /** How a scenario whose rules did not settle (firing limit, time budget) starts its failure. */
    static final String RUNAWAY = "the rules did not settle: ";

    public List<ScenarioResult> runAll(Rulebook rulebook) {
        return runAll(rulebook, null);
    }

    /** Which scenarios to run: by file (with its year folder) and name. */
    public interface Filter {
        boolean accepts(String file, String name);
    }

    /** The scenarios {@code filter} accepts (all when it is null), file by file in path order. */
    public List<ScenarioResult> runAll(Rulebook rulebook, Filter filter) {
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        AtomicReference<String> runaway = new AtomicReference<>();
        return rulebook.scenarios().entrySet().parallelStream()
                .flatMap(file -> DrlCompiler.underLoader(caller, () -> runFile(rulebook, file.getValue(), rulebook.year() + "/" + file.getKey(),
                        filter, runaway)).stream())
                .toList();
    }

    public List<ScenarioResult> runFile(Rulebook rulebook, String text, String displayName) {
        return runFile(rulebook, text, displayName, null, new AtomicReference<>());
    }

    /**
     * @param runaway the first scenario of this run whose rules did not settle, once there is one: rules that
     *                did not settle once are a draft to fix, and running every other scenario to the firing
     *                limit or the time budget would only keep its author waiting (minutes, for a year's files)
     */
    List<ScenarioResult> runFile(Rulebook rulebook, String text, String displayName, Filter filter, AtomicReference<String> runaway) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (IOException e) {
            return List.of(new ScenarioResult(displayName, "(file)", List.of("not valid JSON: " + e.getMessage())));
        }
        List<ScenarioResult> results = new ArrayList<>();
        boolean any = false;
        for (JsonNode scenario : root.path("scenarios")) {
            any = true;
            if (filter == null || filter.accepts(displayName, scenario.path("name").asText(""))) {
                String name = scenario.path("name").asText("(unnamed)");
                String first = runaway.get();
                if (first != null) {
                    results.add(failed(displayName, name, "not run: the rules did not settle in " + first));
                    continue;
                }
                ScenarioResult result = run(rulebook, displayName, scenario);
                if (result.failures().stream().anyMatch(f -> f.startsWith(RUNAWAY))) {
                    runaway.compareAndSet(null, "scenario \"" + name + "\" of " + displayName);
                }
                results.add(result);
            }
        }
        if (!any) {
            results.add(new ScenarioResult(displayName, "(file)", List.of("has no \"scenarios\" array")));
        }
        return results;
    }

    ScenarioResult run(Rulebook rulebook, String file, JsonNode scenario) {
        String name = scenario.path("name").asText("(unnamed)");
        JsonNode expect = scenario.path("expect");
        ObjectNode given = scenario.path("given").isObject() ? ((ObjectNode) scenario.get("given")).deepCopy() : mapper.createObjectNode();
        if (!given.has("year")) {
            given.put("year", rulebook.year());
        }
        if (!given.has("information")) {
            ObjectNode information = given.putObject("information");
            ArrayNode months = information.putArray("monthlySubmissions");
            for (int m = 0; m < 12; m++) {
                months.add(8);
            }
            information.putArray("adoptions");
        }
        JsonNode response;
        List<TrailEntry> trail;
        List<Effect> effects;
        Set<String> fired = new LinkedHashSet<>();
        try {
            EvaluationRequest request = mapper.treeToValue(given, EvaluationRequest.class);
            if (request.year() != rulebook.year()) {
                return failed(file, name, "given.year is " + request.year() + " but this is the " + rulebook.year() + " rulebook");
            }
            EvaluationInput input = RequestValidator.validate(request, rulebook);
            var outcome = Evaluator.evaluate(input);
            fired.addAll(outcome.settledRules());
            trail = outcome.trail();
            effects = outcome.effects();
            response = mapper.valueToTree(ResponseAssembler.assemble(outcome, "scenario", Instant.EPOCH, false));
        } catch (RunawayRulesException e) {
            return failed(file, name, RUNAWAY + e.getMessage());
        } catch (ProblemException e) {
            return expectedError(file, name, scenario, expect.path("error"), e);
        } catch (IOException e) {
            return new ScenarioResult(file, name, List.of("given is not a valid request: " + e.getMessage()), Set.of(), Set.of(),
                    List.of(), List.of(), null, scenario, true);
        }
        if (expect.has("error")) {
            return new ScenarioResult(file, name, List.of("expected error " + expect.get("error") + " but the request was accepted"),
                    fired, Set.of(), trail, effects, response, scenario, false);
        }
        List<String> failures = new ArrayList<>();
        checkValues(expect.path("values"), response, failures);
        List<String> clauses = new ArrayList<>();
        response.path("trail").forEach(t -> clauses.add(t.path("clause").asText()));
        checkFired(expect.path("fired"), expect.path("notFired"), clauses, failures);
        checkPoints(expect.path("points"), response.path("trail"), failures);
        checkEvidence(expect.path("evidence"), response.path("trail"), failures);
        checkBoundary(scenario.path("boundary"), response, failures);
        return new ScenarioResult(file, name, failures, fired, new TreeSet<>(clauses), trail, effects, response, scenario, false);
    }

    private static void checkValues(JsonNode values, JsonNode response, List<String> failures) {
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            JsonNode actual = ResponsePaths.find(response, entry.getKey());
            if (!same(entry.getValue(), actual)) {
                failures.add(entry.getKey() + ": expected " + Plain.of(entry.getValue()) + ", actual " + Plain.of(actual));
            }
        }
    }

    /**
     * A boundary scenario says where it sits ({@code "boundary": {"information.adoption.municipal.completion": 0.3}}):
     * a change that moves it off its boundary leaves it testing something else, so it fails and says so.
     */
    private static void checkBoundary(JsonNode boundary, JsonNode response, List<String> failures) {
        for (Map.Entry<String, JsonNode> entry : boundary.properties()) {
            JsonNode actual = ResponsePaths.find(response, entry.getKey());
            if (!same(entry.getValue(), actual)) {
                failures.add("boundary " + entry.getKey() + ": this scenario sits at " + Plain.of(entry.getValue()) + ", now "
                        + Plain.of(actual) + " (it no longer tests its boundary: move its request back onto it)");
            }
        }
    }

    private static void checkFired(JsonNode fired, JsonNode notFired, List<String> clauses, List<String> failures) {
        Map<String, Integer> expected = new HashMap<>();
        fired.forEach(c -> expected.merge(c.asText(), 1, Integer::sum));
        expected.forEach((code, times) -> {
            long actual = clauses.stream().filter(code::equals).count();
            if (actual != times) {
                failures.add("fired " + code + ": expected " + times + " trail entr" + (times == 1 ? "y" : "ies") + ", actual " + actual
                        + " (trail clauses: " + clauses + ")");
            }
        });
        notFired.forEach(c -> {
            if (clauses.contains(c.asText())) {
                failures.add("notFired " + c.asText() + ": expected no trail entry, actual " + clauses.stream().filter(c.asText()::equals).count());
            }
        });
    }

    private static void checkPoints(JsonNode points, JsonNode trail, List<String> failures) {
        for (Map.Entry<String, JsonNode> entry : points.properties()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode t : trail) {
                if (entry.getKey().equals(t.path("clause").asText()) && t.path("points").isNumber()) {
                    sum = sum.add(t.path("points").decimalValue());
                }
            }
            if (sum.compareTo(entry.getValue().decimalValue()) != 0) {
                failures.add("points " + entry.getKey() + ": expected " + Plain.of(entry.getValue()) + ", actual " + Plain.of(sum));
            }
        }
    }

    private static void checkEvidence(JsonNode evidence, JsonNode trail, List<String> failures) {
        for (Map.Entry<String, JsonNode> entry : evidence.properties()) {
            JsonNode actual = null;
            for (JsonNode t : trail) {
                if (entry.getKey().equals(t.path("clause").asText())) {
                    actual = t.path("evidence");
                    break;
                }
            }
            if (!entry.getValue().equals(actual)) {
                failures.add("evidence " + entry.getKey() + ": expected " + entry.getValue() + ", actual " + (actual == null ? "(no entry)" : actual));
            }
        }
    }

    private static ScenarioResult expectedError(String file, String name, JsonNode scenario, JsonNode error, ProblemException e) {
        if (error.isMissingNode()) {
            return new ScenarioResult(file, name, List.of("the request was rejected: " + e.getMessage()), Set.of(), Set.of(),
                    List.of(), List.of(), null, scenario, true);
        }
        List<String> failures = new ArrayList<>();
        if (error.has("status") && error.get("status").asInt() != e.status()) {
            failures.add("error.status: expected " + Plain.of(error.get("status")) + ", actual " + e.status());
        }
        String field = e.toProblem(null).field();
        if (error.has("field") && !error.get("field").asText().equals(field)) {
            failures.add("error.field: expected " + error.get("field") + ", actual " + field + " (" + e.getMessage() + ")");
        }
        return new ScenarioResult(file, name, failures, Set.of(), Set.of(), List.of(), List.of(), null, scenario, true);
    }

    private static ScenarioResult failed(String file, String name, String failure) {
        return new ScenarioResult(file, name, List.of(failure));
    }

    /** Numbers compare by value (97.5 equals 97.50); everything else as JSON. */
    static boolean same(JsonNode expected, JsonNode actual) {
        if (actual == null) {
            return expected.isNull();
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }
}
