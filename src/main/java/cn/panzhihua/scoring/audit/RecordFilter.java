package cn.panzhihua.scoring.audit;

import java.time.Instant;

/** A search over records; null fields do not filter. {@code to} is exclusive. */
public record RecordFilter(String unit, Integer year, Instant from, Instant to, String batchId, int page, int size) {
}
