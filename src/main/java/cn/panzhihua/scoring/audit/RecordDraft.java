package cn.panzhihua.scoring.audit;

/**
 * What the evaluation hands to the store; the store adds id, sequence, time and hashes.
 *
 * @param kind annual or progress; the shorter constructor derives it from the response
 */
public record RecordDraft(String id, String recordedBy, String unit, int year, String rulebookVersion,
                          String batchId, String requestJson, String responseJson, RecordKind kind) {

    public RecordDraft(String id, String recordedBy, String unit, int year, String rulebookVersion,
                       String batchId, String requestJson, String responseJson) {
        this(id, recordedBy, unit, year, rulebookVersion, batchId, requestJson, responseJson, RecordKind.of(responseJson));
    }
}
