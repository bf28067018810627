package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.ReplayDiff;
import cn.panzhihua.scoring.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Replays a decision record: its stored request evaluated again under the rulebook serving its
 * year now (nothing is stored), and how the result differs from what was answered then. The API
 * and the console show the same replay.
 */
@ApplicationScoped
public class ReplayService {

    /** The answer of a replay: the new result and how it differs from the stored one. */
    public record Replay(String recordId, String storedVersion, String currentVersion, boolean changed,
                         List<ReplayDiff.ValueChange> changes, List<ReplayDiff.ClauseChange> clauses, JsonNode replayed) {
    }

    @Inject
    EvaluationService evaluations;

    @Inject
    ObjectMapper mapper;

    /**
     * @throws ProblemException 422 when today's rulebook rejects the stored request (a unit or code it no longer knows)
     */
    public Replay replay(DecisionRecord record) {
        EvaluationResponse now;
        try {
            now = evaluations.replay(record.requestJson());
        } catch (ProblemException e) {
            throw new ProblemException(422, "Cannot replay", "record " + record.id() + " cannot be evaluated under today's rulebook: "
                    + e.getMessage(), e.toProblem(null).field(), e.toProblem(null).value(), null);
        }
        JsonNode stored = json(record.responseJson());
        JsonNode replayed = mapper.valueToTree(now);
        List<ReplayDiff.ValueChange> changes = ReplayDiff.values(stored, replayed);
        List<ReplayDiff.ClauseChange> clauses = ReplayDiff.clauses(stored, replayed);
        return new Replay(record.id(), record.rulebookVersion(), now.rulebookVersion(), !changes.isEmpty() || !clauses.isEmpty(),
                changes, clauses, replayed);
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored record does not hold valid JSON", e);
        }
    }
}
