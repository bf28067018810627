package cn.panzhihua.scoring.facts;

/**
 * Where in the source document a rulebook table row comes from and its words: a generic rule
 * that serves many rows (every channel, every tier) quotes the row it applied, not itself.
 *
 * @param source where in the document
 * @param text the document's words
 * @param note an interpretation; may be null
 */
public record Quote(String source, String text, String note) {
}
