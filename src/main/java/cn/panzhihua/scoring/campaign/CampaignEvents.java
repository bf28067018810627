package cn.panzhihua.scoring.campaign;

import cn.panzhihua.scoring.audit.Append;
import cn.panzhihua.scoring.audit.Checkpoint;
import cn.panzhihua.scoring.audit.RecordDraft;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.audit.RecordWriter;
import cn.panzhihua.scoring.audit.RecordsUnavailableException;
import cn.panzhihua.scoring.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every step of the assessment year is an event in the decision-record chain: a record whose rulebook
 * version is {@link RecordStore#EVENT_VERSION}, whose request names the step, who took it, when,
 * the unit and what changed (file hashes included). The step's own rows are written in the same
 * transaction as its event ({@link Append#alongside()}), with the answer to an Idempotency-Key, so a
 * step is done and recorded, or neither, and a repeated request is answered from what was stored.
 */
@ApplicationScoped
public class CampaignEvents {

    @Inject
    RecordWriter writer;

    @Inject
    CampaignStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    CampaignClock clock;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String serviceVersion;

    /** One step: its event, records stored with it (evaluations of record), and its rows and answer. */
    public record Step(String event, int year, String unit, Map<String, Object> details, List<RecordDraft> evaluations,
                       String checkpointReason, Work work) {
    }

    /** The step's rows, written in the event's transaction; returns the answer (serialised and remembered). */
    @FunctionalInterface
    public interface Work {
        Object run(Connection c, String eventId, Checkpoint checkpoint) throws SQLException;
    }

    /** What a step answered: its status and JSON body, and whether it was answered from an earlier request. */
    public record Done(int status, String body, boolean repeated) {
    }

    public Optional<Done> earlier(String idempotencyKey, String who) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
            throw ProblemException.badField("Idempotency-Key", idempotencyKey, "an Idempotency-Key is 1 to 100 characters");
        }
        return store.remembered(idempotencyKey, who).map(r -> new Done(r.status(), r.body(), true));
    }

    public Done write(String idempotencyKey, String who, int status, Step step) {
        Optional<Done> before = earlier(idempotencyKey, who);
        if (before.isPresent()) {
            return before.get();
        }
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("event", step.event());
        content.put("year", step.year());
        content.put("unit", step.unit());
        content.put("by", who);
        content.put("at", clock.now().toString());
        content.putAll(step.details());
        List<RecordDraft> drafts = new ArrayList<>(step.evaluations());
        drafts.add(new RecordDraft(eventId, who, step.unit() == null ? "" : step.unit(), step.year(), RecordStore.EVENT_VERSION, null,
                json(content), "{}"));
        AtomicReference<String> answer = new AtomicReference<>();
        Append append = new Append(drafts, step.checkpointReason(), (c, records, checkpoint) -> {
            String body = json(step.work().run(c, eventId, checkpoint));
            if (idempotencyKey != null) {
                CampaignStore.remember(c, idempotencyKey, who, status, body, clock.now());
            }
            answer.set(body);
        });
        try {
            writer.write(append, serviceVersion);
        } catch (RecordsUnavailableException e) {
            // the same key sent twice at once: the second insert of the key failed; answer what the first stored
            Optional<Done> meanwhile = earlier(idempotencyKey, who);
            if (meanwhile.isPresent()) {
                return meanwhile.get();
            }
            throw e;
        }
        return new Done(status, answer.get(), false);
    }

    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
