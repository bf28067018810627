package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.audit.Append;
import cn.panzhihua.scoring.audit.Checkpoint;
import cn.panzhihua.scoring.audit.RecordDraft;
import cn.panzhihua.scoring.audit.RecordWriter;
import cn.panzhihua.scoring.problem.JsonProblems;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
    RecordWriter records;

    @Inject
    ObjectMapper mapper;

    @Inject
    EvaluationMetrics metrics;

    @Inject
    InputLimits limits;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String serviceVersion;

    /** Evaluates one request and, when {@code record} is set, stores it before returning. */
    public Answer evaluate(String body, boolean record, String batchId, String who) {
        Answer answer = answer(body, record, batchId, who);
        if (record) {
            write(List.of(answer.draft()), null);
        }
        return answer;
    }

    /**
     * Evaluates one request and prepares, without storing it, the record it makes when {@code record}
     * is set: a batch stores its items' records together ({@link #store}) before it answers any of them.
     */
    public Answer answer(String body, boolean record, String batchId, String who) {
        String id = UUID.randomUUID().toString();
        long start = System.nanoTime();
        Reached reached = new Reached();
        EvaluationResponse response;
        String json;
        try {
            response = respond(body, id, record, reached, true);
            json = write(response);
        } catch (ProblemException e) {
            metrics.evaluated(reached.rulebook, e.status() < 500 ? EvaluationMetrics.Outcome.REJECTED : EvaluationMetrics.Outcome.FAILED);
            throw e;
        } catch (RuntimeException e) {
            metrics.evaluated(reached.rulebook, EvaluationMetrics.Outcome.FAILED);
            throw e;
        }
        metrics.took(response.year(), System.nanoTime() - start);
        metrics.trail(response.year(), response.trail());
        if (!record) {
            metrics.evaluated(reached.rulebook, EvaluationMetrics.Outcome.DRY_RUN);
        }
        RecordDraft draft = record
                ? new RecordDraft(id, who, response.unit(), response.year(), response.rulebookVersion(), batchId, body, json) : null;
        return new Answer(response, json, draft);
    }

    /**
     * Stores the records of a batch in one transaction: all of them, or (if storing fails) none,
     * with a signed checkpoint that covers them; returns the checkpoint (null when nothing was stored).
     */
    public Checkpoint store(List<RecordDraft> drafts, String batchId) {
        if (drafts.isEmpty()) {
            return null;
        }
        return write(drafts, "batch " + batchId);
    }

    /** Appends the drafts at the head of the chain (group commit for single records), counting what was stored. */
    private Checkpoint write(List<RecordDraft> drafts, String checkpointReason) {
        long start = System.nanoTime();
        Checkpoint checkpoint;
        try {
            checkpoint = records.write(new Append(drafts, checkpointReason), serviceVersion).checkpoint();
        } catch (RuntimeException e) {
            drafts.forEach(d -> metrics.evaluated(String.valueOf(d.year()), d.rulebookVersion(), EvaluationMetrics.Outcome.FAILED));
            throw e;
        }
        metrics.stored(drafts.size(), checkpointReason != null, System.nanoTime() - start);
        drafts.forEach(d -> metrics.evaluated(String.valueOf(d.year()), d.rulebookVersion(), EvaluationMetrics.Outcome.RECORDED));
        return checkpoint;
    }

    /** Evaluates a stored request again under the rulebook serving its year now; nothing is stored. */
    public EvaluationResponse replay(String requestJson) {
        return respond(requestJson, UUID.randomUUID().toString(), false, new Reached(), false);
    }

    /**
     * Evaluates a stored request under {@code rulebook}, which need not be the one serving (an impact
     * run's candidate); nothing is stored and no evaluation is counted in the metrics.
     *
     * @throws ProblemException when the rulebook rejects the request, as it would reject it if it served
     */
    public EvaluationResponse under(Rulebook rulebook, String requestJson) {
        EvaluationRequest request = parse(requestJson, false);
        limits.checkSize(request);
        if (request.year() == null || request.year() != rulebook.year()) {
            throw ProblemException.badField("year", request.year(), "the request is of year " + request.year() + ", the rulebook of " + rulebook.year());
        }
        return ResponseAssembler.assemble(Evaluator.evaluate(RequestValidator.validate(request, rulebook, limits)),
                UUID.randomUUID().toString(), Instant.now(), false);
    }

    /** The rulebook a request reached before it was answered or rejected: what its metrics are tagged with. */
    private static final class Reached {
        Rulebook rulebook;
    }

    private EvaluationResponse respond(String body, String id, boolean recorded, Reached reached, boolean strict) {
        EvaluationRequest request = parse(body, strict);
        limits.checkSize(request);
        Rulebook rulebook = RequestValidator.rulebookFor(request, rulebooks);
        reached.rulebook = rulebook;
        return ResponseAssembler.assemble(Evaluator.evaluate(RequestValidator.validate(request, rulebook, limits)), id, Instant.now(), recorded);
    }

    /**
     * A request as the contract defines it. {@code strict}: a field the contract does not define is
     * refused (new requests); a stored record's request is read as it was accepted (replay, impact).
     */
    private EvaluationRequest parse(String body, boolean strict) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badField("", null, "the request body is required: a JSON object with unit, year and information");
        }
        try {
            if (!strict) {
                return mapper.readerFor(EvaluationRequest.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
            }
            UnknownFields unknown = new UnknownFields();
            EvaluationRequest request = mapper.readerFor(EvaluationRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .withHandler(unknown).readValue(body);
            unknown.check();
            return request;
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
