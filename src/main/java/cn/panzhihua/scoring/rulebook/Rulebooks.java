package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.problem.ProblemException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rulebooks the service serves, one per year folder of the rules directory. They are compiled
 * once at start-up; a rulebook that does not load stops the start-up with its file, line and message.
 */
@Startup
@ApplicationScoped
public class Rulebooks {

    private static final Logger LOG = Logger.getLogger(Rulebooks.class);

    @ConfigProperty(name = "rules.dir", defaultValue = "rules-drl")
    String configuredDir;

    private Path dir;
    private volatile Map<Integer, Rulebook> byYear = Map.of();

    @PostConstruct
    void loadAll() {
        dir = RulesDirectory.resolve(configuredDir);
        Map<Integer, Rulebook> loaded = new TreeMap<>();
        for (Path folder : yearFolders(dir)) {
            long start = System.nanoTime();
            Rulebook rulebook = RulebookLoader.load(folder);
            loaded.put(rulebook.year(), rulebook);
            LOG.infof("rulebook %s loaded from %s: %d rules, %d units (%d ms)", rulebook.version(), folder,
                    rulebook.rules().size(), rulebook.units().size(), (System.nanoTime() - start) / 1_000_000);
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("no rulebook in " + dir + ": expected a folder per year, such as 2016/");
        }
        byYear = Map.copyOf(loaded);
    }

    static Iterable<Path> yearFolders(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().matches("\\d{4}"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Rulebook> forYear(int year) {
        return Optional.ofNullable(byYear.get(year));
    }

    /** The rulebook of a year, or a 404 problem naming the field and the years there are. */
    public Rulebook require(int year, String field) {
        return forYear(year).orElseThrow(() -> ProblemException.notFound("No rulebook",
                "there is no rulebook for year " + year + "; rulebooks exist for "
                        + all().stream().map(r -> String.valueOf(r.year())).collect(Collectors.joining(", ")),
                field, year));
    }

    public Collection<Rulebook> all() {
        return new TreeMap<>(byYear).values();
    }

    public Path directory() {
        return dir;
    }
}
