package cn.panzhihua.scoring.rulebook;

import org.jboss.logging.Logger;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the rules folder. An absolute {@code rules.dir} is taken as it is. A relative one is
 * resolved against the working directory, then against the application's own folder (the one
 * holding quarkus-run.jar, e.g. target/quarkus-app or /deployments), and nowhere else: a folder
 * planted in a parent directory must never become the rules a service serves. The folder chosen
 * is logged with its absolute path.
 */
public final class RulesDirectory {

    private static final Logger LOG = Logger.getLogger(RulesDirectory.class);

    private RulesDirectory() {
    }

    public static Path resolve(String configured) {
        Path found = resolve(configured, Path.of("").toAbsolutePath(), applicationHome());
        LOG.debugf("rules.dir '%s' is %s", configured, found);
        return found;
    }

    /** The same, with the two places a relative path may be found given (for tests). */
    static Path resolve(String configured, Path workingDirectory, Path applicationHome) {
        Path path = Path.of(configured);
        if (path.isAbsolute()) {
            if (Files.isDirectory(path)) {
                return path.normalize();
            }
            throw new IllegalStateException("rules.dir " + path + " is not a directory");
        }
        Set<Path> tried = new LinkedHashSet<>();
        for (Path start : starts(workingDirectory, applicationHome)) {
            Path candidate = start.resolve(path).toAbsolutePath().normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new IllegalStateException("rules.dir '" + configured + "' was not found; looked in " + tried
                + " (a relative rules.dir is resolved against the working directory and the application's folder only)."
                + " Set rules.dir (or the RULES_DIR environment variable) to the rules folder.");
    }

    private static List<Path> starts(Path workingDirectory, Path applicationHome) {
        List<Path> starts = new ArrayList<>();
        starts.add(workingDirectory);
        if (applicationHome != null) {
            starts.add(applicationHome);
        }
        return starts;
    }

    /**
     * The application's own folder: for the packaged service the folder of quarkus-run.jar (this
     * class is in its app/ sub-folder), for a plain jar its folder, for classes on disk that folder.
     */
    static Path applicationHome() {
        try {
            var codeSource = RulesDirectory.class.getProtectionDomain().getCodeSource();
            if (codeSource == null || codeSource.getLocation() == null) {
                return null;
            }
            Path location = Path.of(codeSource.getLocation().toURI()).toAbsolutePath();
            if (Files.isDirectory(location)) {
                return location;
            }
            Path folder = location.getParent();
            if (folder != null && folder.getFileName() != null && folder.getFileName().toString().equals("app")
                    && folder.getParent() != null && Files.isRegularFile(folder.getParent().resolve("quarkus-run.jar"))) {
                return folder.getParent();
            }
            return folder;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException | java.nio.file.FileSystemNotFoundException e) {
            return null; // not loaded from a file (e.g. a custom class loader): the working directory must do
        }
    }
}
