package cn.panzhihua.scoring.rulebook;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What the gate answered for one year's folder: on a reload, at start-up, or (without swapping) on
 * validation. Each kind of failure has its own list, so an author sees at once whether the rules
 * do not build or build and score wrongly.
 *
 * @param status          SWAPPED (a new version serves), UNCHANGED (the same files serve already),
 *                        or REJECTED (the previous version, if any, keeps serving)
 * @param version         the version serving after the reload (null if none)
 * @param previousVersion the version serving before it (null if none)
 * @param compileErrors   data-file and DRL errors: the rulebook could not be built (file, line, column)
 * @param failedScenarios scenarios that did not pass, with expected against actual
 * @param uncoveredRules  rules (and table rows that act as rules) that no scenario exercises
 * @param inconsistencies numbers that disagree between a clause's quoted text, the catalogue and what the rules did
 * @param note            how this answer relates to what happened meanwhile (e.g. the watcher swapped the same files in first)
 * @param candidateVersion the version of the files the gate checked (on REJECTED: the candidate that was refused, not the one serving)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReloadResult(int year, Status status, String version, String previousVersion, int scenariosRun,
                           List<RulebookProblem> compileErrors, List<FailedScenario> failedScenarios,
                           List<RulebookProblem> uncoveredRules, List<RulebookProblem> inconsistencies, String note, long millis,
                           String candidateVersion) {

    public ReloadResult(int year, Status status, String version, String previousVersion, int scenariosRun,
                        List<RulebookProblem> compileErrors, List<FailedScenario> failedScenarios,
                        List<RulebookProblem> uncoveredRules, List<RulebookProblem> inconsistencies, String note, long millis) {
        this(year, status, version, previousVersion, scenariosRun, compileErrors, failedScenarios, uncoveredRules, inconsistencies, note,
                millis, null);
    }

    public enum Status { SWAPPED, UNCHANGED, REJECTED }

    public record FailedScenario(String file, String scenario, List<String> failures) {
    }

    public boolean rejected() {
        return status == Status.REJECTED;
    }

    /** How many things are wrong, for one-line summaries. */
    public String summary() {
        return compileErrors.size() + " compile error(s), " + failedScenarios.size() + " failed scenario(s), "
                + uncoveredRules.size() + " rule(s) no scenario exercises, " + inconsistencies.size() + " inconsistenc"
                + (inconsistencies.size() == 1 ? "y" : "ies");
    }
}
