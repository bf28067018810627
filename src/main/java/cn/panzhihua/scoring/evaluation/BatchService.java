package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.audit.Checkpoint;
import cn.panzhihua.scoring.audit.RecordDraft;
import cn.panzhihua.scoring.problem.FieldError;
import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.problem.ProblemException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Evaluates a batch item by item through the same path as a single evaluation, so a batch of the 72
 * units gives the numbers of 72 single calls. A bad item is answered with its own problem and does
 * not stop the others; a unit may appear once per year in a batch.
 */
@ApplicationScoped
public class BatchService {

    private static final String INSTANCE = "/api/v1/evaluations/batch";

    @Inject
    EvaluationService evaluations;

    @Inject
    ObjectMapper mapper;

    @Inject
    InputLimits limits;

    /** Threads evaluating a batch's items; 0 means one per processor. */
    @ConfigProperty(name = "batch.threads", defaultValue = "0")
    int threads;

    private ExecutorService workers;

    @PostConstruct
    void start() {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        workers = Executors.newFixedThreadPool(n, r -> {
            Thread thread = new Thread(r, "batch-evaluation");
            thread.setDaemon(true);
            return thread;
        });
    }

    public BatchResponse evaluate(String body, boolean record, String who) {
        List<BatchItems> items = items(body);
        String batchId = UUID.randomUUID().toString();
        // Items are independent: evaluate them on all cores, answer them in request order.
        List<Future<Evaluated>> pending = new ArrayList<>(items.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            BatchItems item = items.get(i);
            String unit = item.unit();
            Integer first = unit == null ? null : seen.putIfAbsent(unit + "/" + item.year(), i);
            if (first != null) {
                pending.add(CompletableFuture.completedFuture(new Evaluated(rejected(index, unit, ProblemException.badField("unit", unit,
                        unit + " is already in this batch as items[" + first + "]; a batch takes one evaluation per unit and year")), null)));
                continue;
            }
            pending.add(workers.submit(() -> one(index, unit, item, record ? batchId : null, record, who)));
        }
        List<BatchResponse.Item> results = new ArrayList<>(items.size());
        List<RecordDraft> drafts = new ArrayList<>();
        for (Future<Evaluated> future : pending) {
            Evaluated evaluated = join(future);
            results.add(evaluated.item());
            if (evaluated.draft() != null) {
                drafts.add(evaluated.draft());
            }
        }
        // One transaction for the batch's records, in item order: the batch is answered once all are
        // stored, and a failure stores none of them rather than half a batch.
        Checkpoint checkpoint = evaluations.store(drafts, batchId);
        long failed = results.stream().filter(r -> r.status() != 200).count();
        return new BatchResponse(record ? batchId : null, record, items.size(), (int) (items.size() - failed), (int) failed, results,
                checkpoint);
    }

    /** An item's answer and the record it will store, if any. */
    private record Evaluated(BatchResponse.Item item, RecordDraft draft) {
    }

    private Evaluated one(int index, String unit, BatchItems item, String batchId, boolean record, String who) {
        try {
            if (item.text().length() * 3L > limits.body() && utf8Length(item.text()) > limits.body()) {
                throw ProblemException.tooLarge(null, utf8Length(item.text()), "the item has " + utf8Length(item.text())
                        + " bytes; this service accepts at most " + limits.body() + " per evaluation request (limits.body)");
            }
            // the item's own text, exactly as sent: parsed, bounded, validated and stored as a single request is
            EvaluationService.Answer answer = evaluations.answer(item.text(), record, batchId, who);
            return new Evaluated(new BatchResponse.Item(index, answer.response().unit(), 200, answer.json(), null), answer.draft());
        } catch (ProblemException e) {
            return new Evaluated(rejected(index, unit, e), null);
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static BatchResponse.Item rejected(int index, String unit, ProblemException e) {
        Problem problem = e.toProblem(INSTANCE + "#items[" + index + "]");
        String prefix = "items[" + index + "]";
        String field = problem.field() == null || problem.field().isEmpty() ? prefix : prefix + "." + problem.field();
        List<?> errors = problem.errors() == null ? null : problem.errors().stream()
                .map(error -> error instanceof FieldError mistake ? new FieldError(mistake.field() == null || mistake.field().isEmpty()
                        ? prefix : prefix + "." + mistake.field(), mistake.value(), mistake.message(), mistake.suggestions()) : error)
                .toList();
        return new BatchResponse.Item(index, unit, problem.status(), null, new Problem(problem.type(), problem.title(),
                problem.status(), prefix + ": " + problem.detail(), problem.instance(), field, problem.value(), errors, problem.extensions()));
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating a batch", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }

    private List<BatchItems> items(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badField("items", null, "the body is required: {\"items\": [evaluation request, …]}");
        }
        return BatchItems.split(body, mapper.getFactory(), limits.batchItems());
    }
}
