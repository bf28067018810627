package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rulebooks the service serves, one per year folder of the rules directory: what evaluations
 * read. Which version serves is decided elsewhere (the authoring gate, at start-up, on reload and
 * by the file watcher), and published here with one reference write: an evaluation takes its
 * {@link Rulebook} once and finishes on it, so no response mixes two versions.
 */
@ApplicationScoped
public class Rulebooks {

    /**
     * What a year folder serves and how its last attempt went.
     *
     * @param serving      the version evaluations of this year use; null if none ever passed the gate
     * @param verification what the gate established about {@code serving} (its scenarios, per rule)
     * @param servedSince  when {@code serving} was swapped in, and {@code servedBy} who swapped it
     *                     ("start-up", "the watcher", "a reload request")
     * @param lastAttempt  the last time the folder went through the gate
     * @param lastFailure  the last rejection, if it came after {@code serving} was swapped in
     */
    public record YearState(int year, Rulebook serving, Verification verification, Instant servedSince, String servedBy,
                            Instant lastAttempt, ReloadResult lastFailure) {
    }

    @ConfigProperty(name = "rules.dir", defaultValue = "rules-drl")
    String configuredDir;

    private volatile Path dir;
    private final ConcurrentMap<Integer, YearState> years = new ConcurrentHashMap<>();

    /** A registry outside CDI (tests, tools), for the rules folder {@code configuredDir}. */
    public static Rulebooks at(String configuredDir) {
        Rulebooks rulebooks = new Rulebooks();
        rulebooks.configuredDir = configuredDir;
        return rulebooks;
    }

    /** The rules folder, resolved once (see {@link RulesDirectory}). */
    public Path directory() {
        Path resolved = dir;
        if (resolved == null) {
            synchronized (this) {
                if (dir == null) {
                    dir = RulesDirectory.resolve(configuredDir);
                }
                resolved = dir;
            }
        }
        return resolved;
    }

    /** Records what a year serves now; the only way a version starts or stops serving. */
    public void publish(YearState state) {
        years.put(state.year(), Objects.requireNonNull(state));
    }

    /** The year folders under the rules folder, by year. */
    public static List<Path> yearFolders(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).filter(p -> isYear(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isYear(String name) {
        return name.matches("\\d{4}");
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
        return years.values().stream().map(YearState::serving).filter(Objects::nonNull)
                .sorted(Comparator.comparingInt(Rulebook::year)).toList();
    }

    /** Every year folder known, serving or not, by year. */
    public List<YearState> states() {
        return years.values().stream().sorted(Comparator.comparingInt(YearState::year)).toList();
    }

    public Optional<YearState> state(int year) {
        return Optional.ofNullable(years.get(year));
    }
}
