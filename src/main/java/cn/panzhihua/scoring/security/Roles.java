package cn.panzhihua.scoring.security;

/** The service's roles (issue 4): who may evaluate, audit, and change rules. */
public final class Roles {

    public static final String EVALUATOR = "evaluator";
    public static final String AUDITOR = "auditor";
    public static final String RULE_AUTHOR = "rule-author";

    private Roles() {
    }
}
