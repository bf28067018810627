package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.scenario.ScenarioResult;
import cn.panzhihua.scoring.scenario.ScenarioRunner;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rulebooks the service serves, one per year folder of the rules directory.
 *
 * <p>All are compiled at start-up; one that does not load stops the start-up with its file, line
 * and message. Afterwards a year is reloaded on request or by the file watcher: the new version is
 * built from a snapshot of the folder and must pass its own scenarios before it replaces the old
 * one. The swap is one reference write: an evaluation takes its {@link Rulebook} once and finishes
 * on it, so no response mixes two versions; a rejected reload leaves the old version serving.
 */
@Startup
@ApplicationScoped
public class Rulebooks {

    private static final Logger LOG = Logger.getLogger(Rulebooks.class);

    /** What a year folder serves, and how its last reload went. */
    public record YearState(int year, Rulebook serving, Instant lastAttempt, ReloadResult lastFailure) {
    }

    @ConfigProperty(name = "rules.dir", defaultValue = "rules-drl")
    String configuredDir;

    /** Where compiled rules are kept between runs (see {@link CompiledRulesCache}); off: compile at every start. */
    @ConfigProperty(name = "rules.cache.enabled", defaultValue = "true")
    boolean cacheEnabled;

    @ConfigProperty(name = "rules.cache.dir", defaultValue = "data/compiled-rules")
    Path cacheDir;

    private CompiledRulesCache cache = CompiledRulesCache.NONE;

    @jakarta.inject.Inject
    RulebookMetrics metrics;

    private Path dir;
    private final ConcurrentMap<Integer, YearState> years = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Object> reloadLocks = new ConcurrentHashMap<>();
    private final ScenarioRunner scenarioRunner = new ScenarioRunner();

    @PostConstruct
    void loadAll() {
        dir = RulesDirectory.resolve(configuredDir);
        if (cacheEnabled) {
            cache = CompiledRulesCache.in(cacheDir);
        }
        for (Path folder : yearFolders(dir)) {
            long start = System.nanoTime();
            // The compile can take seconds on a busy machine: say what is happening before it starts.
            LOG.infof("loading rulebook %s (compiled rules are read back when this content was compiled before)", folder);
            Rulebook rulebook = RulebookLoader.load(folder, cache);
            years.put(rulebook.year(), new YearState(rulebook.year(), rulebook, rulebook.loadedAt(), null));
            LOG.infof("rulebook %s loaded from %s: %d rules, %d units (%d ms)", rulebook.version(), folder,
                    rulebook.rules().size(), rulebook.units().size(), (System.nanoTime() - start) / 1_000_000);
        }
        if (years.isEmpty()) {
            throw new IllegalStateException("no rulebook in " + dir + ": expected a folder per year, such as 2016/");
        }
        tidyCache();
    }

    /** Compiled rules of versions no longer served are not needed again. */
    private void tidyCache() {
        cache.keepOnly(years.values().stream().filter(s -> s.serving() != null).map(s -> s.serving().sha256()).toList());
    }

    static List<Path> yearFolders(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).filter(p -> isYear(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isYear(String name) {
        return name.matches("\\d{4}");
    }

    /**
     * Rebuilds a year from its folder, runs its scenarios and swaps it in only if both succeed.
     * Reloads of one year run one at a time; evaluations never wait for them.
     */
    public ReloadResult reload(int year) {
        synchronized (reloadLocks.computeIfAbsent(year, y -> new Object())) {
            Path folder = dir.resolve(String.valueOf(year));
            if (!Files.isDirectory(folder)) {
                throw ProblemException.notFound("No rulebook folder", "there is no folder " + folder + " to load year " + year + " from",
                        "year", year);
            }
            long start = System.nanoTime();
            Instant at = Instant.now();
            YearState current = years.get(year);
            Rulebook serving = current == null ? null : current.serving();
            String previous = serving == null ? null : serving.version();
            ReloadResult result;
            Rulebook candidate = null;
            try {
                candidate = RulebookLoader.load(folder, cache);
                List<ScenarioResult> scenarios = scenarioRunner.runAll(candidate);
                List<ReloadResult.FailedScenario> failed = scenarios.stream().filter(s -> !s.passed())
                        .map(s -> new ReloadResult.FailedScenario(s.file(), s.name(), s.failures())).toList();
                ReloadResult.Status status = !failed.isEmpty() ? ReloadResult.Status.REJECTED
                        : candidate.version().equals(previous) ? ReloadResult.Status.UNCHANGED : ReloadResult.Status.SWAPPED;
                result = new ReloadResult(year, status, status == ReloadResult.Status.REJECTED ? previous : candidate.version(), previous,
                        scenarios.size(), List.of(), failed, millis(start));
            } catch (RulebookException e) {
                result = new ReloadResult(year, ReloadResult.Status.REJECTED, previous, previous, 0, e.problems(), List.of(), millis(start));
            }
            if (result.rejected()) {
                years.put(year, new YearState(year, serving, at, result));
                LOG.warnf("rulebook %d rejected, %s keeps serving: %s", year, previous == null ? "no version" : previous, describe(result));
            } else {
                years.put(year, new YearState(year, candidate, at, null));
                tidyCache();
                LOG.infof("rulebook %d %s: %s (was %s), %d scenarios passed, %d ms", year, result.status(), result.version(),
                        previous, result.scenariosRun(), result.millis());
            }
            if (metrics != null) {
                metrics.reloaded(result);
            }
            return result;
        }
    }

    private static String describe(ReloadResult result) {
        return Stream.concat(result.problems().stream().map(RulebookProblem::toString),
                result.failedScenarios().stream().map(f -> f.file() + " :: " + f.scenario() + ": " + String.join("; ", f.failures())))
                .collect(Collectors.joining(" | "));
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    public Optional<Rulebook> forYear(int year) {
        YearState state = years.get(year);
        return Optional.ofNullable(state == null ? null : state.serving());
    }

    /** The rulebook of a year, or a 404 problem naming the field and the years there are. */
    public Rulebook require(int year, String field) {
        return forYear(year).orElseThrow(() -> ProblemException.notFound("No rulebook",
                "there is no rulebook serving year " + year + "; rulebooks serve "
                        + all().stream().map(r -> String.valueOf(r.year())).collect(Collectors.joining(", "))
                        + (years.containsKey(year) ? "; the " + year + " folder failed to load, see GET /api/v1/rulebooks" : ""),
                field, year));
    }

    /** The rulebooks serving, by year. */
    public Collection<Rulebook> all() {
        return years.values().stream().map(YearState::serving).filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparingInt(Rulebook::year)).toList();
    }

    /** Every year folder known, serving or not, by year. */
    public List<YearState> states() {
        return years.values().stream().sorted(java.util.Comparator.comparingInt(YearState::year)).toList();
    }

    public Optional<YearState> state(int year) {
        return Optional.ofNullable(years.get(year));
    }

    public Path directory() {
        return dir;
    }
}
