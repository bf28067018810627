package cn.panzhihua.scoring.evaluation;

/**
 * An evaluation stopped because its rules did not settle within the firing limit or the time budget
 * ({@link RuleLimits}): the rulebook keeps re-triggering itself (or one consequence is too slow). A
 * draft that does this is rejected (422); a serving rulebook answers 503 for that request and the
 * service goes on.
 */
public final class RunawayRulesException extends RuntimeException {

    private final int year;
    private final String version;

    public RunawayRulesException(int year, String version, String what) {
        super("rulebook " + version + " did not settle: " + what + "; a rule keeps re-triggering itself or takes too long");
        this.year = year;
        this.version = version;
    }

    public int year() {
        return year;
    }

    public String version() {
        return version;
    }
}
