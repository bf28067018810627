package cn.panzhihua.scoring.rulebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A relative rules.dir is found in the working directory or the application's folder, never in a parent. */
class RulesDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aRulesFolderPlantedInAParentOfTheWorkingDirectoryIsNotUsed() throws IOException {
        // Issue 10 §5: started from /tmp/x/a/b, the service loaded a planted /tmp/x/rules-drl.
        Files.createDirectories(temp.resolve("x/rules-drl/2016"));
        Path workingDirectory = Files.createDirectories(temp.resolve("x/a/b"));
        Path application = Files.createDirectories(temp.resolve("app-home"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RulesDirectory.resolve("rules-drl", workingDirectory, application));
        assertTrue(e.getMessage().contains(workingDirectory.resolve("rules-drl").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(application.resolve("rules-drl").toString()), e.getMessage());
    }

    @Test
    void theWorkingDirectoryComesFirstThenTheApplicationsFolder() throws IOException {
        Path workingDirectory = Files.createDirectories(temp.resolve("work"));
        Path application = Files.createDirectories(temp.resolve("quarkus-app"));
        Files.createDirectories(application.resolve("rules-drl"));
        assertEquals(application.resolve("rules-drl"), RulesDirectory.resolve("rules-drl", workingDirectory, application));
        Files.createDirectories(workingDirectory.resolve("rules-drl"));
        assertEquals(workingDirectory.resolve("rules-drl"), RulesDirectory.resolve("rules-drl", workingDirectory, application));
    }

    @Test
    void anAbsolutePathIsTakenAsItIs() throws IOException {
        Path rules = Files.createDirectories(temp.resolve("elsewhere/rules"));
        assertEquals(rules, RulesDirectory.resolve(rules.toString(), temp.resolve("nowhere"), null));
        assertThrows(IllegalStateException.class, () -> RulesDirectory.resolve(temp.resolve("missing").toString(), temp, null));
    }

    @Test
    void theProjectsRulesAreFoundFromItsOwnFolder() {
        assertTrue(Files.isDirectory(RulesDirectory.resolve("rules-drl").resolve("2016")));
    }
}
