package cn.panzhihua.scoring.rulebook;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the rules folder. An absolute {@code rules.dir} is taken as it is. A relative one is looked
 * up from the working directory and each of its parents, then from the application's own location
 * and its parents, so the service finds rules-drl/ whether it is started from the project, from a
 * sub-folder, or as target/quarkus-app/quarkus-run.jar from anywhere.
 */
public final class RulesDirectory {

    private RulesDirectory() {
    }

    public static Path resolve(String configured) {
        Path path = Path.of(configured);
        if (path.isAbsolute()) {
            if (Files.isDirectory(path)) {
                return path.normalize();
            }
            throw new IllegalStateException("rules.dir " + path + " is not a directory");
        }
        Set<Path> tried = new LinkedHashSet<>();
        for (Path start : starts()) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(path).normalize();
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
                tried.add(candidate);
            }
        }
        throw new IllegalStateException("rules.dir '" + configured + "' was not found; looked in " + tried
                + ". Set rules.dir (or the RULES_DIR environment variable) to the rules folder.");
    }

    private static List<Path> starts() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            var codeSource = RulesDirectory.class.getProtectionDomain().getCodeSource();
            if (codeSource != null) {
                starts.add(Path.of(codeSource.getLocation().toURI()).toAbsolutePath());
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // not loaded from a file (e.g. a custom class loader): the working directory must do
        }
        return starts;
    }
}
