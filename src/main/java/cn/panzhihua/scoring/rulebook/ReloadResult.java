package cn.panzhihua.scoring.rulebook;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The outcome of reloading one year's rulebook.
 *
 * @param status          SWAPPED (a new version serves), UNCHANGED (same content, scenarios pass),
 *                        or REJECTED (the previous version, if any, keeps serving)
 * @param version         the version serving after the reload (null if none)
 * @param previousVersion the version serving before it (null if none)
 * @param problems        compile or data errors, with file, line and column
 * @param failedScenarios scenarios that did not pass, with expected against actual
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReloadResult(int year, Status status, String version, String previousVersion, int scenariosRun,
                           List<RulebookProblem> problems, List<FailedScenario> failedScenarios, long millis) {

    public enum Status { SWAPPED, UNCHANGED, REJECTED }

    public record FailedScenario(String file, String scenario, List<String> failures) {
    }

    public boolean rejected() {
        return status == Status.REJECTED;
    }
}
