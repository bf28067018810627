package cn.panzhihua.scoring.audit;

import java.util.List;

/** One page of records, newest first. */
public record RecordPage<T>(int page, int size, long total, List<T> items) {
}
