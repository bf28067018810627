package cn.panzhihua.scoring.impact;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.audit.ReplayDiff;
import cn.panzhihua.scoring.authoring.GateResult;
import cn.panzhihua.scoring.authoring.RulebookDeployer;
import cn.panzhihua.scoring.evaluation.EvaluationService;
import cn.panzhihua.scoring.evaluation.RunawayRulesException;
import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookSource;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs an impact: builds the candidate rulebook (never served), reads the population page by page
 * and evaluates each stored request under the candidate on every core, comparing the answer with the
 * stored one as a replay does ({@link ReplayDiff}). No record is written. What is kept per record is
 * its figures before and after; the clause differences only of records that changed.
 */
@ApplicationScoped
public class ImpactService {

    private static final Logger LOG = Logger.getLogger(ImpactService.class);

    /** The population's records read from the database at a time; evaluation of a page overlaps the read of the next. */
    static final int PAGE = 128;

    @Inject
    RulebookDeployer deployer;

    @Inject
    Rulebooks rulebooks;

    @Inject
    RecordStore records;

    @Inject
    EvaluationService evaluations;

    @Inject
    ObjectMapper mapper;

    /** Threads evaluating an impact run's records; 0 (default): one per core. */
    @ConfigProperty(name = "impact.threads", defaultValue = "0")
    int threads;

    /** At most this many files may replace the folder's in one run (a year folder has ~30). */
    static final int MAX_FILES = 100;

    public ImpactRun run(int year, ImpactRequest request) {
        long start = System.nanoTime();
        ImpactRequest asked = request == null ? ImpactRequest.DEFAULT : request;
        boolean latest = population(asked.population());
        String batch = asked.batch() == null || asked.batch().isBlank() ? null : asked.batch().strip();
        int top = asked.top() == null ? 10 : asked.top();
        if (top < 0 || top > 1000) {
            throw ProblemException.badField("top", asked.top(), "top must be between 0 and 1000, not " + asked.top());
        }
        int candidateYear = asked.candidateYear() == null ? year : asked.candidateYear();
        if (candidateYear < year - MAX_YEARS_APART || candidateYear > year + MAX_YEARS_APART) {
            throw ProblemException.badField("candidate", candidateYear, "the candidate year must be within " + MAX_YEARS_APART
                    + " years of " + year + ", not " + candidateYear);
        }
        Map<String, String> files = asked.files() == null ? Map.of() : asked.files();
        if (files.size() > MAX_FILES) {
            throw ProblemException.badField("files", files.size(), "at most " + MAX_FILES + " files may be replaced, not " + files.size());
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            String name = file.getKey();
            if (name == null || name.isBlank() || name.startsWith("/") || name.contains("..") || name.contains("\\")) {
                throw ProblemException.badField("files", name, "a file must be named by its path inside the year folder, such as channels.tsv");
            }
            if (file.getValue() == null) {
                throw ProblemException.badField("files." + name, null, "the text of " + name + " is missing");
            }
        }
        Rulebook serving = rulebooks.forYear(year).orElse(null);
        Rulebook servingCandidateYear = candidateYear == year ? serving : rulebooks.forYear(candidateYear).orElse(null);
        if (candidateYear != year && !java.nio.file.Files.isDirectory(rulebooks.directory().resolve(String.valueOf(candidateYear)))) {
            throw ProblemException.notFound("No rulebook folder", "there is no folder " + candidateYear + " in the rules directory to take "
                    + "the candidate from", "candidate", candidateYear);
        }
        RulebookSource source = deployer.candidateSource(candidateYear, files);
        Rulebook candidate = candidate(source, servingCandidateYear);
        // The gate runs every scenario: beside the numbers, on its own thread, so it never holds them back.
        CompletableFuture<Impact.Gate> gate = verdict(source, candidate, servingCandidateYear);
        long built = System.nanoTime();
        ImpactTally tally = new ImpactTally(latest, candidate, serving);
        Timings timings = new Timings();
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "impact-" + year);
            t.setDaemon(true);
            return t;
        });
        // Pages in flight are bounded, so a large population is never all in memory at once.
        Semaphore inFlight = new Semaphore(workers * 2);
        List<Future<?>> pending = new java.util.ArrayList<>();
        // A draft that does not settle on one record will not on the next: the first stops the run (422).
        AtomicReference<RunawayRulesException> runaway = new AtomicReference<>();
        long upTo;
        try {
            upTo = records.scan(year, batch, latest, PAGE, page -> {
                inFlight.acquireUninterruptibly();
                // A page is split into one part per worker, so the cores share even a population of 72.
                int part = Math.max(1, (page.size() + workers - 1) / workers);
                AtomicInteger left = new AtomicInteger((page.size() + part - 1) / part);
                for (int from = 0; from < page.size(); from += part) {
                    List<DecisionRecord> slice = page.subList(from, Math.min(page.size(), from + part));
                    pending.add(pool.submit(() -> {
                        try {
                            for (DecisionRecord r : slice) {
                                if (runaway.get() != null) {
                                    break;
                                }
                                compare(candidate, candidateYear - year, r, tally, timings);
                            }
                        } catch (RunawayRulesException e) {
                            runaway.compareAndSet(null, e);
                        } finally {
                            if (left.decrementAndGet() == 0) {
                                inFlight.release();
                            }
                        }
                    }));
                }
                // Finished tasks need not be remembered: a population of 10,000 would keep 10,000 futures.
                pending.removeIf(Future::isDone);
            });
            for (Future<?> f : pending) {
                f.get();
            }
            if (runaway.get() != null) {
                throw runaway.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the impact run was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long scanned = System.nanoTime();
        LOG.infof("impact %d (candidate %d): candidate %s ready in %d ms, %d records compared in %d ms (parse %d ms, evaluate %d ms, diff %d ms over %d threads)",
                year, candidateYear, candidate.version(), (built - start) / 1_000_000, tally.size(), (scanned - built) / 1_000_000,
                timings.parse.sum() / 1_000_000, timings.evaluate.sum() / 1_000_000, timings.diff.sum() / 1_000_000, workers);
        ImpactTally.Head head = new ImpactTally.Head(year, candidateYear, latest ? "latest" : "all", batch,
                serving == null ? null : serving.version(), List.copyOf(new java.util.TreeSet<>(files.keySet())),
                differing(source, servingCandidateYear), upTo, added(candidate, serving));
        Impact numbers = tally.result(head, top, Boolean.TRUE.equals(asked.unchanged()), (System.nanoTime() - start) / 1_000_000, null);
        return new ImpactRun(numbers, gate);
    }

    /** How far apart the population's year and the candidate's may be (dates are shifted by the difference). */
    static final int MAX_YEARS_APART = 10;

    /** The files of {@code source} whose text differs from what serves its year; null when nothing serves it. */
    static List<String> differing(RulebookSource source, Rulebook serving) {
        if (serving == null) {
            return null;
        }
        java.util.Set<String> names = new java.util.TreeSet<>(source.files().keySet());
        names.addAll(serving.source().files().keySet());
        return names.stream().filter(n -> !java.util.Objects.equals(source.files().get(n), serving.source().files().get(n))).toList();
    }

    /** Units the candidate has and the population's year does not: no record can show them. */
    private static List<Impact.NewUnit> added(Rulebook candidate, Rulebook serving) {
        return candidate.units().values().stream().filter(u -> serving == null || !serving.units().containsKey(u.name()))
                .map(u -> new Impact.NewUnit(u.name(), u.category(),
                        candidate.categories().containsKey(u.category()) ? candidate.categories().get(u.category()).name() : u.category()))
                .toList();
    }

    /** The gate's verdicts of the last candidates, by every file's hash (scenarios included). */
    private final Map<String, CompletableFuture<Impact.Gate>> verdicts = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(4, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Impact.Gate>> eldest) {
                    return size() > KEPT_CANDIDATES;
                }
            });

    /** One gate at a time, at low priority: it is the answer's last member, the numbers come first. */
    private final ExecutorService gates = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "impact-gate");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    private CompletableFuture<Impact.Gate> verdict(RulebookSource source, Rulebook candidate, Rulebook serving) {
        if (serving != null && serving.source().fullSha256().equals(source.fullSha256())) {
            Rulebooks.YearState state = rulebooks.state(serving.year()).orElse(null);
            int run = state == null || state.verification() == null ? 0 : state.verification().scenariosRun();
            return CompletableFuture.completedFuture(new Impact.Gate(true, run, List.of(), List.of(), List.of(),
                    "the candidate is the rulebook serving now: it passed the gate when it was swapped in"));
        }
        return verdicts.computeIfAbsent(source.fullSha256(), k -> CompletableFuture.supplyAsync(() -> {
            GateResult result;
            try {
                result = deployer.verdict(source, candidate);
            } catch (RuntimeException e) {
                LOG.warnf(e, "the gate could not run on candidate %s", candidate.version());
                return new Impact.Gate(false, 0, List.of(), List.of(), List.of(), "the gate could not run: " + e.getMessage());
            }
            return new Impact.Gate(result.passed(), result.scenarios().size(), result.failedScenarios(), result.uncoveredRules(),
                    result.inconsistencies(), result.passed() ? null : "a reload would reject this candidate: " + result.summaryLine());
        }, gates));
    }

    /** Where a run's time went, summed over its threads: reading stored answers, evaluating, comparing. */
    private static final class Timings {
        final LongAdder parse = new LongAdder();
        final LongAdder evaluate = new LongAdder();
        final LongAdder diff = new LongAdder();
    }

    private void compare(Rulebook candidate, int shift, DecisionRecord record, ImpactTally tally, Timings timings) {
        long t0 = System.nanoTime();
        JsonNode stored = json(record.responseJson());
        long t1 = System.nanoTime();
        timings.parse.add(t1 - t0);
        if (!candidate.units().containsKey(record.unit())) {
            tally.dropped(record, stored);
            return;
        }
        String request = shift == 0 ? record.requestJson() : YearShift.shift(mapper, record.requestJson(), shift);
        JsonNode after;
        try {
            after = mapper.valueToTree(evaluations.under(candidate, request));
        } catch (RunawayRulesException e) {
            throw e;
        } catch (ProblemException e) {
            Problem p = e.toProblem(null);
            tally.rejected(record, stored, new Impact.RejectedRequest(record.id(), record.unit(), p.status(), p.title(), p.detail(), p.field(), p.value(), null));
            return;
        } catch (RuntimeException e) {
            tally.rejected(record, stored, new Impact.RejectedRequest(record.id(), record.unit(), 500, "Evaluation failed", String.valueOf(e.getMessage()),
                    null, null, null));
            return;
        }
        long t2 = System.nanoTime();
        timings.evaluate.add(t2 - t1);
        List<ReplayDiff.ValueChange> changes = ReplayDiff.values(stored, after);
        List<ReplayDiff.ClauseChange> clauses = ReplayDiff.clauses(stored, after);
        timings.diff.add(System.nanoTime() - t2);
        tally.add(record, stored, after, changes, clauses);
    }

    /**
     * A candidate is built once per content: the same draft run again (its export, the console page)
     * finds it built, its rules already warm. The files that serve are the serving rulebook itself.
     */
    private final Map<String, Rulebook> built = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Rulebook> eldest) {
            return size() > KEPT_CANDIDATES;
        }
    });

    /** Candidates kept built; each holds a compiled rule base (a few MB). */
    static final int KEPT_CANDIDATES = 2;

    private Rulebook candidate(RulebookSource source, Rulebook serving) {
        String key = source.sha256();
        if (serving != null && serving.sha256().equals(key)) {
            return serving;
        }
        Rulebook known = built.get(key);
        if (known != null) {
            return known;
        }
        Rulebook candidate = deployer.candidate(source);
        built.put(key, candidate);
        return candidate;
    }

    private static boolean population(String population) {
        if (population == null || population.isBlank()) {
            return true;
        }
        return switch (population.strip().toLowerCase(Locale.ROOT)) {
            case "latest" -> true;
            case "all" -> false;
            default -> throw ProblemException.badField("population", population,
                    "population must be latest (the latest record of each unit) or all (every record of the year), not '" + population + "'");
        };
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored record does not hold valid JSON", e);
        }
    }
}
