package cn.panzhihua.scoring.impact;

import java.util.Map;

/**
 * The body of an impact run: files of the year's folder to replace, by path inside the folder (e.g.
 * channels.tsv, disclosure/veto.drl), with their new text. No body, or no files: the folder as it is
 * on disk now, i.e. what a reload would swap in.
 */
public record Candidate(Map<String, String> files) {
}
