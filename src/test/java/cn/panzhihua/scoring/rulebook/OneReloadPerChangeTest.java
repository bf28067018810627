package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.authoring.RulebookDeployer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One change of the rules folder is reloaded once, by whichever of the file watcher and the poller
 * notices it first: the other finds the files the gate already checked and does nothing (no second
 * compile, no second rejection WARN, no second count in the reload metrics). A reload request still
 * runs the gate every time.
 */
@QuarkusTest
@TestProfile(EditableRulesProfile.class)
@TestSecurity(user = "author", roles = {"rule-author", "evaluator"})
class OneReloadPerChangeTest {

    @Inject
    RulebookDeployer deployer;

    @Inject
    Rulebooks rulebooks;

    @AfterEach
    void restore() throws IOException {
        EditableRulesProfile.copy(EditableRulesProfile.PRISTINE.resolve("2016"), EditableRulesProfile.RULES.resolve("2016"));
        given().post("/api/v1/rulebooks/2016/reload").then().statusCode(200);
    }

    @Test
    void aRejectedChangeIsCheckedOnceWhoeverNoticesIt() throws Exception {
        String serving = rulebooks.forYear(2016).orElseThrow().version();
        Path drl = EditableRulesProfile.RULES.resolve("2016/common/score.drl");
        Files.writeString(drl, "\nrule \"half written\"\nwhen\n    $x : \nthen\nend\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        // The watcher (0.3 s after the last write) runs the gate, which rejects the change.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (rulebooks.state(2016).orElseThrow().lastFailure() == null) {
            assertTrue(System.nanoTime() < deadline, "the watcher reloaded the change within 60 s");
            Thread.sleep(50);
        }
        assertEquals(ReloadResult.Status.REJECTED, rulebooks.state(2016).orElseThrow().lastFailure().status());
        // The poller's route finds the same files: nothing to do.
        assertNull(deployer.reloadIfChanged(2016, "the poller"), "a change the gate checked is not checked again");
        // A request is an author asking: it runs the gate again and answers the rejection.
        given().post("/api/v1/rulebooks/2016/reload").then().statusCode(422);
        assertEquals(serving, rulebooks.forYear(2016).orElseThrow().version(), "the previous version keeps serving");
        // Another change is new again.
        Files.writeString(drl, "\n// an author's note\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        ReloadResult again = deployer.reloadIfChanged(2016, "the poller");
        if (again != null) { // null only if the watcher took this change first
            assertEquals(ReloadResult.Status.REJECTED, again.status(), "still half written");
        }
        assertNull(deployer.reloadIfChanged(2016, "the poller"));
        assertNotNull(rulebooks.state(2016).orElseThrow().lastFailure());
    }
}
