package cn.panzhihua.scoring.impact;

import java.util.Map;

/**
 * What an impact run compares: the candidate (the year's folder, or another year's, as it is on disk,
 * with {@code files} replaced when given) against a population of stored records.
 *
 * @param population    {@code latest} (default): the latest record of each unit; {@code all}: every record of the year
 * @param batch         only the records of this batch
 * @param files         files of the candidate's folder replaced by the given text, by path (e.g. channels.tsv)
 * @param top           how many of the largest moves to list (default 10)
 * @param unchanged     list the units that do not move as well (default: only those whose figures or rank change)
 * @param candidateYear the year whose folder is the candidate (default: the population's year); the requests are
 *                      carried over to it, their dates shifted by the years between
 */
public record ImpactRequest(String population, String batch, Map<String, String> files, Integer top, Boolean unchanged,
                            Integer candidateYear) {

    /** Nothing asked: the pending reload against each unit's latest record. */
    static final ImpactRequest DEFAULT = new ImpactRequest(null, null, null, null, null, null);

    public ImpactRequest(String population, String batch, Map<String, String> files, Integer top, Boolean unchanged) {
        this(population, batch, files, top, unchanged, null);
    }
}
