package cn.panzhihua.scoring.facts;

/** Where a finding came from (考核程序 of parts A and E); kept as evidence only. */
public enum Origin {
    SELF_CHECK("单位自查"),
    SPOT_CHECK("不定期抽查"),
    PLATFORM("业务资源网"),
    PUBLIC_EVALUATION("公众评估"),
    THIRD_PARTY("综合评估"),
    CIRCULAR("通报批评");

    private final String chinese;

    Origin(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
