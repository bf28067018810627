package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.problem.JsonProblems;
import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Evaluates a batch item by item through the same path as a single evaluation, so a batch of the 72
 * units gives the numbers of 72 single calls. A bad item is answered with its own problem and does
 * not stop the others; a unit may appear once per year in a batch.
 */
@ApplicationScoped
public class BatchService {

    /** Enough for every unit of a year (72 in 2016) with room for a larger table C. */
    static final int MAX_ITEMS = 200;
    private static final String INSTANCE = "/api/v1/evaluations/batch";

    @Inject
    EvaluationService evaluations;

    @Inject
    ObjectMapper mapper;

    public BatchResponse evaluate(String body, boolean record, String who) {
        JsonNode items = items(body);
        String batchId = UUID.randomUUID().toString();
        List<BatchResponse.Item> results = new ArrayList<>(items.size());
        Map<String, Integer> seen = new HashMap<>();
        int failed = 0;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String unit = item.path("unit").isTextual() ? item.get("unit").asText() : null;
            try {
                Integer first = seen.putIfAbsent(unit + "/" + item.path("year").asText(), i);
                if (unit != null && first != null) {
                    throw ProblemException.badField("unit", unit, unit + " is already in this batch as items[" + first + "]; a batch takes one evaluation per unit and year");
                }
                EvaluationService.Answer answer = evaluations.evaluate(mapper.writeValueAsString(item), record, record ? batchId : null, who);
                results.add(new BatchResponse.Item(i, answer.response().unit(), 200, answer.response(), null));
            } catch (ProblemException e) {
                failed++;
                Problem problem = e.toProblem(INSTANCE + "#items[" + i + "]");
                String field = problem.field() == null || problem.field().isEmpty() ? "items[" + i + "]" : "items[" + i + "]." + problem.field();
                results.add(new BatchResponse.Item(i, unit, problem.status(), null, new Problem(problem.type(), problem.title(),
                        problem.status(), "items[" + i + "]: " + problem.detail(), problem.instance(), field, problem.value(), problem.errors())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new BatchResponse(record ? batchId : null, record, items.size(), items.size() - failed, failed, results);
    }

    private JsonNode items(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badField("items", null, "the body is required: {\"items\": [evaluation request, …]}");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        }
        JsonNode items = root == null ? null : root.get("items");
        if (items == null || !items.isArray()) {
            throw ProblemException.badField("items", null, "the body must be {\"items\": [evaluation request, …]}");
        }
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw ProblemException.badField("items", items.size(), "a batch has 1 to " + MAX_ITEMS + " items, not " + items.size());
        }
        return items;
    }
}
