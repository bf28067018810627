package cn.panzhihua.scoring.audit;

import java.time.Instant;

/** A search over records; null fields do not filter. {@code to} is exclusive. {@code kind}: annual or progress records only. */
public record RecordFilter(String unit, Integer year, Instant from, Instant to, String batchId, int page, int size, RecordKind kind) {

    public RecordFilter(String unit, Integer year, Instant from, Instant to, String batchId, int page, int size) {
        this(unit, year, from, to, batchId, page, size, null);
    }
}
