package cn.panzhihua.scoring.facts;

/** An effect that moves an item's score: an item's score is its maximum plus all of these. */
public interface ScoreChange extends Effect {
}
