package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.CompiledRulesCache;
import cn.panzhihua.scoring.rulebook.DrlCompiler;
import cn.panzhihua.scoring.rulebook.ReloadResult;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookException;
import cn.panzhihua.scoring.rulebook.RulebookLoader;
import cn.panzhihua.scoring.rulebook.RulebookMetrics;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.RulebookSource;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.Verification;
import cn.panzhihua.scoring.security.ServiceKey;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Puts rulebooks into service, only through the {@link RulebookGate}: every year folder at start-up
 * (a year that does not pass stops the start with what is wrong), a year on a reload request or
 * when the watcher sees its files change, and, without swapping anything, a candidate file on
 * validation. Reloads of one year run one at a time; evaluations never wait for them.
 */
@Startup
@ApplicationScoped
public class RulebookDeployer {

    private static final Logger LOG = Logger.getLogger(RulebookDeployer.class);
    static final String START_UP = "start-up";
    static final String WATCHER = "the watcher";
    static final String REQUEST = "a reload request";
    static final String POLLER = "the poller";

    @Inject
    Rulebooks rulebooks;

    @Inject
    ServiceKey serviceKey;

    @Inject
    RulebookMetrics metrics;

    /** Where compiled rules are kept between runs (see {@link CompiledRulesCache}); off: compile at every start. */
    @ConfigProperty(name = "rules.cache.enabled", defaultValue = "true")
    boolean cacheEnabled;

    @ConfigProperty(name = "rules.cache.dir", defaultValue = "data/compiled-rules")
    Path cacheDir;

    /**
     * After start-up, compile the serving rulebooks once in the background and throw the result
     * away: a restart reads compiled rules back, so without this the first reload after an edit
     * would meet a cold compiler (seconds instead of a fraction of one).
     */
    @ConfigProperty(name = "rules.warmup.enabled", defaultValue = "true")
    boolean warmup;

    /**
     * At start-up, a year whose files, compiled packages and build are exactly those a gate passed
     * before serves on that gate's authenticated verdict (see {@link GateVerdict}) instead of running
     * its scenarios again; false: every start runs them.
     */
    @ConfigProperty(name = "rules.gate.reuse-verdicts", defaultValue = "true")
    boolean reuseVerdicts;

    /** The compiled-rules cache's bounds (issue 18): packages and bytes, drafts evicted first. */
    @ConfigProperty(name = "rules.cache.max-packages", defaultValue = "200")
    int cacheMaxPackages;

    @ConfigProperty(name = "rules.cache.max-bytes", defaultValue = "64M")
    io.quarkus.runtime.configuration.MemorySize cacheMaxBytes;

    private CompiledRulesCache cache = CompiledRulesCache.NONE;
    private RulebookGate gate;
    private final ConcurrentMap<Integer, Object> locks = new ConcurrentHashMap<>();
    /** The content hash of the files the gate last checked (or found serving), per year: see {@link #reloadIfChanged}. */
    private final ConcurrentMap<Integer, String> checked = new ConcurrentHashMap<>();

    @PostConstruct
    void deployAll() {
        // Quarkus runs its shutdown only after the start has finished, and the gate can take a minute
        // on a busy machine: a SIGTERM (or Ctrl-C) meanwhile ends the process at once instead. Nothing
        // is served yet, nothing was answered or stored, and compiled packages are written whole or not at all.
        AtomicBoolean starting = new AtomicBoolean(true);
        Thread stopWhileStarting = new Thread(() -> {
            if (starting.get()) {
                LOG.info("stopped during start-up, while the rulebooks were being checked: nothing was served");
                System.out.flush();
                Runtime.getRuntime().halt(143); // the exit status of a process ended by SIGTERM
            }
        }, "stop-during-start-up");
        Runtime.getRuntime().addShutdownHook(stopWhileStarting);
        try {
            deployAllYears();
        } finally {
            starting.set(false);
            try {
                Runtime.getRuntime().removeShutdownHook(stopWhileStarting);
            } catch (IllegalStateException stopping) {
                // the JVM is already stopping: the hook has run or sees starting == false
            }
        }
    }

    private void deployAllYears() {
        Path dir = rulebooks.directory();
        LOG.infof("serving rules from %s", dir.toAbsolutePath());
        if (cacheEnabled) {
            cache = CompiledRulesCache.in(cacheDir, serviceKey.derive(CompiledRulesCache.PURPOSE));
        } else {
            cache = CompiledRulesCache.inMemory();
        }
        // Drafts (validate, impact) compile into the same cache: bounded, and they go before what serves.
        cache.bound(cacheMaxPackages, cacheMaxBytes.asLongValue(), () -> {
            java.util.Set<String> inUse = new java.util.HashSet<>();
            rulebooks.all().forEach(r -> inUse.addAll(r.packageKeys()));
            return inUse;
        });
        gate = new RulebookGate(cache);
        List<Path> folders = Rulebooks.yearFolders(dir);
        if (folders.isEmpty()) {
            throw new IllegalStateException("no rulebook in " + dir + ": expected a folder per year, such as 2016/");
        }
        List<RulebookProblem> problems = new ArrayList<>();
        for (Path folder : folders) {
            long start = System.nanoTime();
            // The compile can take seconds on a busy machine: say what is happening before it starts.
            LOG.infof("loading rulebook %s (compiled packages the service wrote and signed are read back)", folder);
            RulebookSource source = RulebookSource.read(folder);
            checked.put(Integer.parseInt(source.year()), source.sha256());
            Rulebook built;
            try {
                built = RulebookLoader.build(source, cache);
            } catch (RulebookException e) {
                problems.addAll(e.problems());
                continue;
            }
            Verification verified = reuseVerdicts ? GateVerdict.find(cache, built).orElse(null) : null;
            if (verified != null && CatalogueConsistency.ofRulebook(built).isEmpty()) {
                Instant now = Instant.now();
                rulebooks.publish(new Rulebooks.YearState(built.year(), built, verified, now, START_UP, now, null));
                LOG.infof("rulebook %s serves from %s: %d rules, %d units; the gate passed these very files, compiled packages and "
                        + "build at %s (%d scenarios), verdict verified (%d ms)", built.version(), folder, built.rules().size(),
                        built.units().size(), verified.at(), verified.scenariosRun(), millis(start));
                continue;
            }
            GateResult result = gate.checkBuilt(source, built, null, start);
            if (result.passed()) {
                serve(result, START_UP);
                LOG.infof("rulebook %s serves from %s: %d rules, %d units, %d scenarios passed (%d ms)", built.version(), folder,
                        built.rules().size(), built.units().size(), result.scenarios().size(), result.millis());
            } else {
                problems.addAll(everything(result));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulebookException("a rulebook did not pass the gate; the service does not start", problems);
        }
        tidyCache();
        if (warmup) {
            Thread warming = new Thread(this::warmUp, "rulebook-compiler-warm-up");
            warming.setDaemon(true);
            warming.setPriority(Thread.MIN_PRIORITY);
            warming.start();
        }
    }

    /**
     * Runs every serving rulebook through the whole gate once more, compiling from scratch and
     * keeping nothing; see {@link #warmup}. It also checks a verdict a restart served on: the gate
     * must agree with it.
     */
    private void warmUp() {
        try {
            Thread.sleep(2000); // after the start-up, not beside it: readiness comes first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long start = System.nanoTime();
        try {
            RulebookGate fresh = new RulebookGate(CompiledRulesCache.NONE);
            for (Rulebook rulebook : rulebooks.all()) {
                GateResult again = fresh.check(rulebook.source());
                if (!again.passed()) {
                    LOG.errorf("rulebook %s serves on a gate verdict, but the gate run again after start-up does not pass it: %s; "
                            + "reload the year (or delete %s) to settle it", rulebook.version(), again.summaryLine(), cacheDir);
                }
            }
            LOG.infof("rule compiler and scenarios warmed up in %d ms (the gate run again for every serving year)", millis(start));
        } catch (RuntimeException e) {
            LOG.debugf("warming up the rule compiler failed (a reload will only be slower): %s", e);
        }
    }

    /**
     * Rebuilds a year from its folder through the gate and swaps it in only if it passes.
     *
     * @param by who asked: {@link #WATCHER}, {@link #POLLER} or {@link #REQUEST}
     */
    public ReloadResult reload(int year, String by) {
        ReloadResult result = reloadOnce(year, by);
        if (metrics != null) {
            metrics.reloaded(result);
        }
        return result;
    }

    /**
     * A reload the watcher or the poller asks for when it notices a change: skipped (null) when the
     * year's files are those the gate last checked, passed or rejected, so that one change is
     * reloaded once, by whichever of the two noticed it first, and a rejected change is not
     * compiled, rejected and logged again every poll. A reload request always runs.
     */
    public ReloadResult reloadIfChanged(int year, String by) {
        synchronized (lock(year)) {
            String sha = RulebookSource.read(folder(year)).sha256();
            if (sha.equals(checked.get(year))) {
                LOG.debugf("rulebook %d: %s noticed files the gate has already checked (%s)", year, by, sha.substring(0, 12));
                return null;
            }
            return reload(year, by);
        }
    }

    private Object lock(int year) {
        return locks.computeIfAbsent(year, y -> new Object());
    }

    private ReloadResult reloadOnce(int year, String by) {
        synchronized (lock(year)) {
            Path folder = folder(year);
            Instant at = Instant.now();
            long start = System.nanoTime();
            Rulebooks.YearState current = rulebooks.state(year).orElse(null);
            Rulebook serving = current == null ? null : current.serving();
            String previous = serving == null ? null : serving.version();
            RulebookSource source = RulebookSource.read(folder);
            checked.put(year, source.sha256());
            if (serving != null && serving.source().equals(source)) {
                // The very files that serve (scenarios included) already passed the gate: nothing to do.
                String note = "already serving " + previous + ", swapped in by " + current.servedBy() + " at " + current.servedSince();
                if (current.lastFailure() != null) { // the files were put back as they were: the rejection no longer stands
                    rulebooks.publish(new Rulebooks.YearState(year, serving, current.verification(), current.servedSince(),
                            current.servedBy(), at, null));
                }
                return new ReloadResult(year, ReloadResult.Status.UNCHANGED, previous, previous,
                        current.verification() == null ? 0 : current.verification().scenariosRun(),
                        List.of(), List.of(), List.of(), List.of(), note, millis(start));
            }
            GateResult result = gate.check(source);
            if (!result.passed()) {
                ReloadResult rejected = answer(year, ReloadResult.Status.REJECTED, previous, previous, result, null);
                rulebooks.publish(new Rulebooks.YearState(year, serving, current == null ? null : current.verification(),
                        current == null ? null : current.servedSince(), current == null ? null : current.servedBy(), at, rejected));
                LOG.warnf("rulebook %d candidate %s rejected (%s), %s keeps serving: %s", year, rejected.candidateVersion(), rejected.summary(),
                        previous == null ? "no version" : previous, describe(result));
                return rejected;
            }
            ReloadResult.Status status = result.rulebook().version().equals(previous) ? ReloadResult.Status.UNCHANGED : ReloadResult.Status.SWAPPED;
            serve(result, by);
            tidyCache();
            LOG.infof("rulebook %d %s by %s: %s (was %s), %d scenarios passed, %d ms", year, status, by, result.rulebook().version(),
                    previous, result.scenarios().size(), result.millis());
            return answer(year, status, result.rulebook().version(), previous, result, null);
        }
    }

    /**
     * What a reload of {@code year} would answer if {@code file} (relative to the year folder) held
     * {@code text}; nothing that serves changes.
     */
    public Validation validate(int year, String file, String text) {
        Path folder = folder(year);
        RulebookSource onDisk = RulebookSource.read(folder);
        if (onDisk.file(file).isEmpty()) {
            throw ProblemException.notFound("No such file", "no such file: " + onDisk.display(file) + "; the rulebook's DRL files are "
                    + onDisk.files().keySet().stream().filter(f -> f.endsWith(".drl")).collect(Collectors.joining(", ")), "file", file);
        }
        Rulebook serving = rulebooks.forYear(year).orElse(null);
        String previous = serving == null ? null : serving.version();
        GateResult result = gate.check(onDisk.with(file, text));
        ReloadResult.Status status = !result.passed() ? ReloadResult.Status.REJECTED
                : result.rulebook().version().equals(previous) ? ReloadResult.Status.UNCHANGED : ReloadResult.Status.SWAPPED;
        return new Validation(onDisk.display(file), result,
                answer(year, status, status == ReloadResult.Status.REJECTED ? previous : result.rulebook().version(), previous, result, null));
    }

    /**
     * The files of a candidate rulebook of {@code year}, never served: the year's folder as it is on
     * disk now (what a reload would swap in), with {@code files} (paths inside the folder) replaced
     * when given, as validation replaces a file.
     *
     * @throws ProblemException 404 for a file the folder does not have
     */
    public RulebookSource candidateSource(int year, java.util.Map<String, String> files) {
        RulebookSource source = RulebookSource.read(folder(year));
        for (java.util.Map.Entry<String, String> file : files.entrySet()) {
            if (source.file(file.getKey()).isEmpty()) {
                throw ProblemException.notFound("No such file", "no such file: " + source.display(file.getKey())
                        + "; a candidate replaces files of the year's folder, which has " + String.join(", ", source.files().keySet()),
                        "files", file.getKey());
            }
            source = source.with(file.getKey(), file.getValue());
        }
        return source;
    }

    /**
     * Builds a candidate (see {@link #candidateSource}) without serving it: the data checks and the
     * compile, through the same compiled-rules cache as a reload, so an unchanged DRL package is not
     * compiled again; the scenarios are not run (validation says whether a reload would pass them).
     *
     * @throws ProblemException 422 with the build's problems
     */
    public Rulebook candidate(RulebookSource source) {
        try {
            return RulebookLoader.build(source, cache);
        } catch (RulebookException e) {
            throw new ProblemException(422, "Candidate rulebook does not build", "the candidate rulebook of " + source.year()
                    + " does not build: " + e.problems().size() + " problem(s), listed in errors", "files", source.year(), e.problems());
        }
    }

    /**
     * The gate's verdict on a candidate already built from {@code source} (see {@link #candidate}):
     * every scenario, rule coverage, catalogue consistency, as a reload would check it; nothing serves.
     */
    public GateResult verdict(RulebookSource source, Rulebook built) {
        return gate.checkBuilt(source, built, null, System.nanoTime());
    }

    /** A validation's gate result and the answer a reload would have given. */
    public record Validation(String file, GateResult gate, ReloadResult wouldAnswer) {
    }

    private void serve(GateResult result, String by) {
        Instant now = Instant.now();
        Rulebook rulebook = result.rulebook();
        Verification verification = result.verification(now);
        rulebooks.publish(new Rulebooks.YearState(rulebook.year(), rulebook, verification, now, by, now, null));
        GateVerdict.keep(cache, rulebook, verification);
    }

    private Path folder(int year) {
        Path folder = rulebooks.directory().resolve(String.valueOf(year));
        if (!Files.isDirectory(folder)) {
            throw ProblemException.notFound("No rulebook folder", "there is no folder " + folder + " to load year " + year + " from",
                    "year", year);
        }
        return folder;
    }

    static ReloadResult answer(int year, ReloadResult.Status status, String version, String previous, GateResult result, String note) {
        return new ReloadResult(year, status, version, previous, result.scenarios().size(), result.compileErrors(),
                result.failedScenarios(), result.uncoveredRules(), result.inconsistencies(), note, result.millis(), candidateVersion(result));
    }

    /** The version of the files the gate checked: what a rejection names (not the version that keeps serving). */
    static String candidateVersion(GateResult result) {
        if (result.rulebook() != null) {
            return result.rulebook().version();
        }
        RulebookSource source = result.source();
        return source == null ? null : source.year() + "-" + source.sha256().substring(0, 12);
    }

    /** Compiled rules of versions no longer served are not needed again. */
    private void tidyCache() {
        List<String> inUse = new ArrayList<>();
        for (Rulebook rulebook : rulebooks.all()) {
            inUse.addAll(rulebook.packageKeys());
            inUse.add(GateVerdict.key(cache, rulebook));
        }
        cache.keepOnly(inUse);
    }

    private static List<RulebookProblem> everything(GateResult result) {
        List<RulebookProblem> all = new ArrayList<>(result.compileErrors());
        result.failedScenarios().forEach(f -> all.add(new RulebookProblem(f.file(), 0, 0,
                "scenario \"" + f.scenario() + "\" failed: " + String.join("; ", f.failures()))));
        all.addAll(result.uncoveredRules());
        all.addAll(result.inconsistencies());
        return all;
    }

    private static String describe(GateResult result) {
        return Stream.concat(everything(result).stream().limit(20).map(RulebookProblem::toString), Stream.<String>empty())
                .collect(Collectors.joining(" | "));
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    RulebookGate gate() {
        return gate;
    }
}
