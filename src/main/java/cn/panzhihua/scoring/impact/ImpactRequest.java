package cn.panzhihua.scoring.impact;

import java.util.Map;

/**
 * What an impact run compares: the candidate (the year's folder as it is on disk, with {@code files}
 * replaced when given) against a population of stored records.
 *
 * @param population {@code latest} (default): the latest record of each unit; {@code all}: every record of the year
 * @param batch      only the records of this batch
 * @param files      files of the year's folder replaced by the given text, by path (e.g. channels.tsv)
 * @param top        how many of the largest moves to list (default 10)
 * @param unchanged  list the units that do not move as well (default: only those whose figures or rank change)
 */
public record ImpactRequest(String population, String batch, Map<String, String> files, Integer top, Boolean unchanged) {

    /** Nothing asked: the pending reload against each unit's latest record. */
    static final ImpactRequest DEFAULT = new ImpactRequest(null, null, null, null, null);
}
