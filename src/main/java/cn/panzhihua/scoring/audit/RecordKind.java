package cn.panzhihua.scoring.audit;

/**
 * What kind of evaluation a decision record holds (issue 19): an annual one, which a 通报 may take,
 * or a progress one (the request's {@code asOf}: adoptions counted up to a date within the year),
 * which is a check along the way and never enters the annual 通报. Stored in its own column
 * (record_kind, V3) so a report selects annual records by index; it is derived from the hashed
 * response, so the chain verifier can tell a column that was changed afterwards.
 */
public enum RecordKind {
    ANNUAL("年度考评"),
    PROGRESS("进度考评");

    private final String chinese;

    RecordKind(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /**
     * The kind a stored response shows: a progress evaluation's response names its asOf date
     * (information.adoption.asOf). The service writes compact JSON, and a note quoting those
     * characters would be escaped (\"asOf\"), so the text test is exact; the V3 migration uses the same.
     */
    public static RecordKind of(String responseJson) {
        return responseJson != null && responseJson.contains("\"asOf\":\"") ? PROGRESS : ANNUAL;
    }
}
