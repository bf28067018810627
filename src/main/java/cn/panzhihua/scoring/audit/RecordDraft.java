package cn.panzhihua.scoring.audit;

/** What the evaluation hands to the store; the store adds id, sequence, time and hashes. */
public record RecordDraft(String id, String recordedBy, String unit, int year, String rulebookVersion,
                          String batchId, String requestJson, String responseJson) {
}
