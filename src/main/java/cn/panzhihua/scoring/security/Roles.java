package cn.panzhihua.scoring.security;

/** The service's roles (issue 4): who may evaluate, audit, and change rules; issue 20 adds the assessment year's. */
public final class Roles {

    public static final String EVALUATOR = "evaluator";
    public static final String AUDITOR = "auditor";
    public static final String RULE_AUTHOR = "rule-author";
    /** 单位填报员: bound to exactly one unit of the year's table C (issue 20, docs/campaign.md). */
    public static final String UNIT = "unit";
    /** 市目标督查办: reads the confirmed hand-over of a year (issue 20). */
    public static final String SUPERVISOR = "supervisor";

    private Roles() {
    }
}
