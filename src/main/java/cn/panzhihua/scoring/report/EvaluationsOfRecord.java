package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.RecordKind;
import cn.panzhihua.scoring.audit.RecordStore;

import java.util.List;

/**
 * Which records a year's 通报 takes when no assessment-year process has chosen them: each unit's
 * latest <em>annual</em> evaluation (never a progress evaluation, {@code asOf}) among the records a
 * checkpoint covers. This is the one place that choice is made; a campaign that names its
 * evaluations of record replaces it and builds the 通报 with
 * {@link CirculationReport#of(int, List, java.time.Instant, cn.panzhihua.scoring.rulebook.Rulebook)}.
 */
public final class EvaluationsOfRecord {

    private EvaluationsOfRecord() {
    }

    /**
     * @param batchId only this batch's records; null for the whole year
     * @param maxSeq  the last record the report's checkpoint covers
     */
    public static List<DecisionRecord> latestAnnual(RecordStore records, int year, String batchId, long maxSeq) {
        return records.latestPerUnit(year, batchId, maxSeq, RecordKind.ANNUAL);
    }
}
