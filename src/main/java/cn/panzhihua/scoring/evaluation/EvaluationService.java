package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.audit.RecordDraft;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.problem.JsonProblems;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One evaluation from request body to answer: parse, validate against the year's rulebook, run the
 * rules, shape the response and, unless it is a dry run, store it as a decision record before it is
 * answered. The stored response is the very JSON text that is answered.
 */
@ApplicationScoped
public class EvaluationService {

    /** The answer: the response, its JSON text, and the record to store ({@code null} on a dry run). */
    public record Answer(EvaluationResponse response, String json, RecordDraft draft) {
    }

    @Inject
    Rulebooks rulebooks;

    @Inject
    RecordStore records;

    @Inject
    ObjectMapper mapper;

    @Inject
    InputLimits limits;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String serviceVersion;

    /** Evaluates one request and, when {@code record} is set, stores it before returning. */
    public Answer evaluate(String body, boolean record, String batchId, String who) {
        Answer answer = answer(body, record, batchId, who);
        if (record) {
            records.append(answer.draft(), serviceVersion);
        }
        return answer;
    }

    /**
     * Evaluates one request and prepares, without storing it, the record it makes when {@code record}
     * is set: a batch stores its items' records together ({@link #store}) before it answers any of them.
     */
    public Answer answer(String body, boolean record, String batchId, String who) {
        String id = UUID.randomUUID().toString();
        EvaluationResponse response = respond(body, id, record);
        String json = write(response);
        RecordDraft draft = record
                ? new RecordDraft(id, who, response.unit(), response.year(), response.rulebookVersion(), batchId, body, json) : null;
        return new Answer(response, json, draft);
    }

    /** Stores the records of a batch in one transaction: all of them, or (if storing fails) none. */
    public void store(List<RecordDraft> drafts) {
        if (!drafts.isEmpty()) {
            records.appendAll(drafts, serviceVersion);
        }
    }

    /** Evaluates a stored request again under the rulebook serving its year now; nothing is stored. */
    public EvaluationResponse replay(String requestJson) {
        return respond(requestJson, UUID.randomUUID().toString(), false);
    }

    private EvaluationResponse respond(String body, String id, boolean recorded) {
        EvaluationRequest request = parse(body);
        limits.checkSize(request);
        Rulebook rulebook = RequestValidator.rulebookFor(request, rulebooks);
        return ResponseAssembler.assemble(Evaluator.evaluate(RequestValidator.validate(request, rulebook, limits)), id, Instant.now(), recorded);
    }

    private EvaluationRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badField("", null, "the request body is required: a JSON object with unit, year and information");
        }
        try {
            return mapper.readValue(body, EvaluationRequest.class);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the response as JSON", e);
        }
    }
}
